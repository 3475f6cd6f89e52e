#!/usr/bin/env bash
# Makes a throw-away test CA and one certificate per machine for ClockScope's optional TLS.
# Usage: scripts/make-test-certs.sh OUT_DIR ID [ID...]
#   -> OUT_DIR/ca.pem, OUT_DIR/<id>.pem (certificate), OUT_DIR/<id>.key (PKCS#8 private key)
# config.json: "tls": {"ca": "OUT_DIR/ca.pem", "cert": "OUT_DIR/{id}.pem", "key": "OUT_DIR/{id}.key"}
# For tests only: keys are unencrypted and the CA key is kept next to them.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OUT_DIR ID [ID...]" >&2
  exit 2
fi
out="$1"; shift
mkdir -p "$out"
cd "$out"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 \
  -subj "/CN=ClockScope test CA" 2>/dev/null
for id in "$@"; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$id.key" 2>/dev/null
  openssl req -new -key "$id.key" -out "$id.csr" -subj "/CN=$id" 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' "$id" > "$id.ext"
  openssl x509 -req -in "$id.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$id.pem" -days 30 \
    -extfile "$id.ext" 2>/dev/null
  rm -f "$id.csr" "$id.ext"
done
echo "test CA and certificates for: $* in $out"
