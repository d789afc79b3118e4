#!/usr/bin/env node
// A `cordon --signer-command` for ssh-agent (OpenSSH's agent, a YubiKey behind gpg-agent's or
// Secretive's ssh-agent, 1Password's agent...): the Ed25519 key stays in the agent.
//
//   cordon sign --signer-command "node examples/signers/ssh-agent-sign.mjs ~/.ssh/cordon_ed25519.pub" \
//     --pub "$(node examples/signers/ssh-agent-sign.mjs --print-pub ~/.ssh/cordon_ed25519.pub)" ...
//
// Reads the bytes to sign on standard input, asks the agent at $SSH_AUTH_SOCK to sign them with the
// key in the given OpenSSH .pub file (SSH_AGENTC_SIGN_REQUEST, RFC draft-miller-ssh-agent), and
// prints the raw 64-byte Ed25519 signature. An Ed25519 signature from the agent is over exactly the
// data sent, so it is the same signature a key file would give.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

const SIGN_REQUEST = 13;
const SIGN_RESPONSE = 14;

const u32 = (n) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const sshString = (b) => Buffer.concat([u32(b.length), b]);
function readString(buf, at) {
  const len = buf.readUInt32BE(at);
  return [buf.subarray(at + 4, at + 4 + len), at + 4 + len];
}

function keyBlob(pubFile) {
  const [type, base64] = readFileSync(pubFile, 'utf8').trim().split(/\s+/);
  if (type !== 'ssh-ed25519' || base64 === undefined) throw new Error(`${pubFile} is not an ssh-ed25519 public key`);
  return Buffer.from(base64, 'base64');
}

const args = process.argv.slice(2);
if (args[0] === '--print-pub') {
  // The raw 32-byte key, base64: what Cordon's policy pins and --pub takes.
  const blob = keyBlob(args[1]);
  const [, afterType] = readString(blob, 0);
  const [raw] = readString(blob, afterType);
  process.stdout.write(`${raw.toString('base64')}\n`);
  process.exit(0);
}
const blob = keyBlob(args[0]);
const data = readFileSync(0);
const socket = connect(process.env.SSH_AUTH_SOCK ?? '');
const request = Buffer.concat([Buffer.from([SIGN_REQUEST]), sshString(blob), sshString(data), u32(0)]);
socket.write(Buffer.concat([u32(request.length), request]));
let reply = Buffer.alloc(0);
socket.on('data', (chunk) => {
  reply = Buffer.concat([reply, chunk]);
  if (reply.length < 4 || reply.length < 4 + reply.readUInt32BE(0)) return;
  socket.end();
  if (reply[4] !== SIGN_RESPONSE) {
    process.stderr.write('ssh-agent refused to sign (is the key added? ssh-add -l)\n');
    process.exit(1);
  }
  const [signature] = readString(reply, 5);
  const [format, at] = readString(signature, 0);
  const [raw] = readString(signature, at);
  if (format.toString() !== 'ssh-ed25519' || raw.length !== 64) {
    process.stderr.write('ssh-agent answered with something other than an Ed25519 signature\n');
    process.exit(1);
  }
  process.stdout.write(raw);
});
socket.on('error', (e) => {
  process.stderr.write(`cannot reach ssh-agent at SSH_AUTH_SOCK: ${e.message}\n`);
  process.exit(1);
});
