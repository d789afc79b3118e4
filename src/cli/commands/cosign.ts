import { MAX_SIGNATURES, pae, PAYLOAD_TYPE, serializeEnvelope, utf8, verifyBlocklist } from '../../core/blocklist/index.ts';
import { nowOption, requiredString } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, UsageError } from '../errors.ts';
import { writeFileAtomic } from '../files.ts';
import { readUnverified } from '../envelope-file.ts';
import { SIGNER_OPTIONS, signersFromOptions } from '../signers.ts';

export const cosign: Command = {
  name: 'cosign',
  summary: 'add a second signature to a signed list, over the very payload you reviewed',
  help: `Usage: cordon cosign --key PRIVATE.pem --in LIST.signed.json --out OUT.signed.json --reviewed SHA256
       cordon cosign --signer-command CMD --pub KEY --in LIST.signed.json --out OUT.signed.json --reviewed SHA256

Two-person control with a threshold of 2: the first signer runs cordon sign and hands over the
signed list; the second runs cordon inspect on it, reads what it blocks, and notes the payload's
SHA-256 that inspect prints; cosign then adds a signature over exactly those payload bytes. If the
payload is not the one reviewed (--reviewed), nothing is signed. Neither key leaves its holder's
machine. The result is checked with the extension's own verifier under the added key before it is
written, and cordon verify --pub A --pub B --threshold 2 then passes.

Options:
  --key FILE            the second signer's private key (or --signer-command with --pub)
  --signer-command CMD, --pub KEY   an external signer, as cordon sign takes
  --in FILE             the list as the first signer wrote it
  --out FILE            where to write the list with both signatures (may be --in)
  --reviewed SHA256     the payload SHA-256 cordon inspect showed you
  --now TIME            check as if it were TIME (UTC, 2026-06-01T12:00:00Z)
  -h, --help            show this help`,
  options: {
    ...SIGNER_OPTIONS,
    in: { type: 'string' },
    out: { type: 'string' },
    reviewed: { type: 'string' },
    now: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`cosign: unexpected argument ${positionals[0]} (see cordon cosign --help)`);
    const inPath = requiredString(values, 'in', 'cosign');
    const outPath = requiredString(values, 'out', 'cosign');
    const reviewed = requiredString(values, 'reviewed', 'cosign').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(reviewed)) throw new UsageError('cosign: --reviewed must be the 64-hex-digit payload SHA-256 that cordon inspect printed');
    const signers = await signersFromOptions(values, 'cosign', io.err);
    const now = nowOption(values, io.now);

    const list = await readUnverified(inPath);
    if (list.envelope.payloadType !== PAYLOAD_TYPE) throw new CliError(`${inPath}: not a Cordon blocklist (payloadType ${list.envelope.payloadType})`);
    if (list.payloadSha256 !== reviewed) {
      throw new CliError(`${inPath}: the payload is not the one you reviewed (its SHA-256 is ${list.payloadSha256}, you reviewed ${reviewed}); nothing was signed`);
    }
    if (list.envelope.signatures.length + signers.length > MAX_SIGNATURES) throw new CliError(`${inPath}: a list carries at most ${MAX_SIGNATURES} signatures`);
    const message = pae(PAYLOAD_TYPE, list.envelope.payload);
    const added: { keyid: string; sig: Uint8Array }[] = [];
    for (const signer of signers) {
      // Already signed by this key? Then a second signature would count for nothing.
      const already = await verifyBlocklist(utf8(serializeEnvelope(PAYLOAD_TYPE, list.envelope.payload, list.envelope.signatures)), {
        trustedKeys: [signer.publicBase64],
        threshold: 1,
        now,
        checkNames: false,
      });
      if (already.ok) throw new CliError(`${inPath}: already signed by ${signer.keyId} (${signer.label}); a key counts once toward a threshold`);
      added.push({ keyid: signer.keyId, sig: await signer.sign(message) });
    }
    const envelope = serializeEnvelope(PAYLOAD_TYPE, list.envelope.payload, [...list.envelope.signatures, ...added]);
    // The extension's own checks, with only the added keys pinned: what is written is what they vouch for.
    const check = await verifyBlocklist(utf8(envelope), { trustedKeys: signers.map((s) => s.publicBase64), threshold: signers.length, now });
    if (!check.ok) throw new CliError(`${inPath}: ${check.reason}: ${check.message}`);
    writeFileAtomic(outPath, envelope);
    io.out(
      `cosigned ${check.list.listId} serial ${check.list.serial} (payload sha256 ${list.payloadSha256}) with ${signers.map((s) => s.keyId).join(', ')}: ` +
        `${list.envelope.signatures.length + added.length} signature(s) -> ${outPath}`,
    );
    return EXIT_OK;
  },
};
