#!/usr/bin/env bash
# Installs what the tests and the demo drive, when it is missing: Debian's Chromium (with its language
# packs, for the Indonesian UI tests), Firefox ESR, libfaketime (the exception tests move the
# browser's clock forward with it instead of waiting), and the real components the export and signing
# tests drive: Unbound and dnsmasq (DNS exports), OpenSSL and OpenSSH (external signers). Runs before `npm start` and `npm test`, so that
# on a fresh Debian machine those two commands are all the set-up there is. As root it uses apt-get;
# otherwise sudo when it needs no password; otherwise it says what to install and stops.
set -euo pipefail

missing=()
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s chromium-l10n >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium-l10n)
[ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
dpkg -s libfaketime >/dev/null 2>&1 || [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(libfaketime)
[ -x /usr/sbin/unbound ] || missing+=(unbound)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "cordon: needs ${missing[*]} (Debian packages); set CHROMIUM_PATH / FIREFOX_PATH to use browsers installed elsewhere" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "cordon: needs Debian's ${missing[*]}: run  sudo apt-get install -y ${missing[*]}  once, then again" >&2
  exit 1
fi
echo "cordon: installing Debian's ${missing[*]}" >&2
# Unbound's package would start (and enable) a system DNS resolver; the tests run their own on
# loopback ports, so no service the packages bring is started during the install (policy-rc.d).
rcd=/usr/sbin/policy-rc.d
if [ ! -e "$rcd" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${run[@]}" tee "$rcd" >/dev/null
  "${run[@]}" chmod 755 "$rcd"
  trap '"${run[@]}" rm -f "$rcd"' EXIT
fi
"${run[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
if [[ " ${missing[*]} " == *" unbound "* ]] && command -v systemctl >/dev/null 2>&1; then
  "${run[@]}" systemctl disable unbound >/dev/null 2>&1 || true
fi
