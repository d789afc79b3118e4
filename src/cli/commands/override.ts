import { isAppId, toIsoSeconds } from '../../core/blocklist/payload.ts';
import { formatOverrideCode, isInstallId, MAX_OVERRIDE_MINUTES, MAX_OVERRIDE_REASON_BYTES, overrideHeader, overrideSigningBytes } from '../../core/override-code.ts';
import { nowOption, optionalString, requiredString, stringList } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, UsageError } from '../errors.ts';
import { SIGNER_OPTIONS, signersFromOptions } from '../signers.ts';


/** Hours as typed: a whole number or up to two decimals, 1 minute to 24 hours. */
function minutesOf(text: string): number {
  if (!/^\d{1,2}(?:\.\d{1,2})?$/.test(text)) throw new UsageError(`override: --hours must be a number of hours like 4 or 0.5, not "${text}"`);
  const minutes = Math.round(Number(text) * 60);
  if (minutes < 1 || minutes > MAX_OVERRIDE_MINUTES) throw new UsageError(`override: --hours must be more than 0 and at most ${MAX_OVERRIDE_MINUTES / 60}`);
  return minutes;
}

export const override: Command = {
  name: 'override',
  summary: 'make a break-glass code that unblocks one app on one browser for a few hours',
  help: `Usage: cordon override --key PRIVATE.pem [--key PRIVATE2.pem ...] --install-id ID --app APP --hours N [--reason TEXT]
       cordon override --signer-command CMD --pub KEY --install-id ID --app APP --hours N [--reason TEXT]

Prints a code the employee types on the block page ("Have an override code from your IT team?").
The browser checks it offline against the keys its policy pins, with the policy's threshold (give
as many --key as the threshold requires): the code unblocks APP on the one browser whose install id
is ID (shown in Cordon's popup), from now until N hours later (at most ${MAX_OVERRIDE_MINUTES / 60}). Nothing else changes,
and the app is blocked again when the code ends, with no network needed.

A code for another browser, another app, an expired code, a code dated in the future or one signed
by a key the browser does not pin is refused, and the block page says which.

The code is long (an Ed25519 signature alone is 64 bytes): it is written in Crockford's base32, in
groups of five, which survive being read out, and case and O/0, I/L/1 mix-ups do not matter.

Options:
  --key FILE         private key from cordon keygen (one the policy pins); repeat for a threshold
  --signer-command CMD, --pub KEY   sign with an external signer, as cordon sign does
  --install-id ID    the browser's install id, as its popup shows it
  --app APP          the app id, as the list names it (e.g. tiktok)
  --hours N          how long the code lasts from now: 0.02 to ${MAX_OVERRIDE_MINUTES / 60} (e.g. 4, 0.5)
  --reason TEXT      why, shown to the employee in the popup (at most ${MAX_OVERRIDE_REASON_BYTES} bytes)
  --now TIME         issue the code as of TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help         show this help`,
  options: {
    ...SIGNER_OPTIONS,
    'install-id': { type: 'string' },
    app: { type: 'string' },
    hours: { type: 'string' },
    reason: { type: 'string' },
    now: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`override: unexpected argument ${positionals[0]} (see cordon override --help)`);
    const keyPaths = stringList(values, 'key');
    if (keyPaths.length === 0 && values['signer-command'] === undefined) throw new UsageError('override: missing --key or --signer-command (see cordon override --help)');
    const installId = requiredString(values, 'install-id', 'override').trim().toLowerCase();
    if (!isInstallId(installId)) throw new UsageError(`override: --install-id must be the id Cordon's popup shows (like 3f2b6c1e-8d4a-4f7e-9b1a-2c3d4e5f6a7b), not "${installId}"`);
    const app = requiredString(values, 'app', 'override');
    if (!isAppId(app)) throw new UsageError(`override: --app must be an app id as the list names it (a-z, 0-9 and -), not "${app}"`);
    const minutes = minutesOf(requiredString(values, 'hours', 'override'));
    const reason = optionalString(values, 'reason');
    const now = nowOption(values, io.now);

    const keys = await signersFromOptions(values, 'override', io.err);
    let header: Uint8Array;
    try {
      header = overrideHeader({ installId, app, issuedAt: Math.floor(now.getTime() / 1000), minutes, ...(reason === undefined ? {} : { reason }) });
    } catch (e) {
      throw new UsageError(`override: ${(e as Error).message}`);
    }
    const message = overrideSigningBytes(header, installId);
    const signatures: Uint8Array[] = [];
    for (const k of keys) signatures.push(await k.sign(message));
    const code = formatOverrideCode(header, signatures);
    const until = toIsoSeconds(new Date(Math.floor(now.getTime() / 1000) * 1000 + minutes * 60_000));
    io.err(`cordon: code for ${app} on install ${installId}, valid until ${until}, signed by ${keys.map((k) => k.keyId).join(', ')}`);
    io.out(code);
    return EXIT_OK;
  },
};
