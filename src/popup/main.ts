import { CATALOGUE, DEFAULT_BUILTIN_APP_IDS } from '../core/catalogue/index.ts';

const list = document.getElementById('apps');
for (const app of CATALOGUE.filter((entry) => DEFAULT_BUILTIN_APP_IDS.includes(entry.id))) {
  const item = document.createElement('li');
  item.textContent = `${app.name}: ${app.reason}`;
  list?.append(item);
}
const source = document.getElementById('source');
if (source) source.textContent = 'Source: built-in catalogue. Applies to this browser profile only.';
