#!/usr/bin/env python3
"""A ClockScope machine written from docs/PROTOCOL.md alone (standard library only).

Usage: clockscope_peer.py --config config.json --machine-id ID [--output-dir DIR] [--duration SECONDS]
                          [--ticks-per-second N] [--seed N]
It joins a cluster of Java machines, ticks like them and writes the same JSON-lines event log.
"""
import argparse
import hashlib
import hmac
import json
import os
import queue
import random
import secrets
import socket
import struct
import sys
import threading
import time

VERSION = 2
T_HELLO, T_ACK, T_DATA, T_AUTH = 1, 2, 3, 4
OPEN_KEY = b"clockscope-open-cluster"


def now_micros():
    return time.time_ns() // 1000


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed")
        buf += chunk
    return buf


def read_frame(sock):
    (length,) = struct.unpack(">I", read_exact(sock, 4))
    if length < 1 or length > 65536:
        raise ValueError("bad frame length %d" % length)
    return read_exact(sock, length)


def send_frame(sock, payload):
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def identity(type_, ident, incarnation, nonce):
    raw = ident.encode("utf-8")
    return struct.pack(">BHH", type_, VERSION, len(raw)) + raw + struct.pack(">q", incarnation) + nonce


def parse_identity(payload, expected_type):
    type_, version, n = struct.unpack(">BHH", payload[:5])
    if type_ != expected_type or version != VERSION:
        raise ValueError("unexpected frame type %d / version %d" % (type_, version))
    ident = payload[5:5 + n].decode("utf-8")
    (incarnation,) = struct.unpack(">q", payload[5 + n:13 + n])
    return ident, incarnation, payload[13 + n:]


def mac(key, label, *parts):
    h = hmac.new(key, label, hashlib.sha256)
    for p in parts:
        h.update(p)
    return h.digest()


class Peer:
    def __init__(self, args):
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)
        self.machines = [m["id"] for m in cfg["machines"]]
        self.specs = {m["id"]: m for m in cfg["machines"]}
        self.me = args.machine_id
        self.index = self.machines.index(self.me)
        self.peers = [m for m in self.machines if m != self.me]
        self.die = cfg.get("die", 10)
        secret = os.environ.get("CLOCKSCOPE_SECRET") or cfg.get("secret")
        self.key = secret.encode("utf-8") if secret else OPEN_KEY
        self.handshake_timeout = 5.0
        self.seed = args.seed if args.seed is not None else random.getrandbits(63)
        self.rng = random.Random(self.seed)
        self.rate = args.ticks_per_second
        self.duration = args.duration
        self.incarnation = now_micros()
        self.inbox = queue.Queue()
        self.out = {}              # peer -> socket we opened (we send on it)
        self.inbound_up = set()    # peers whose connection to us is authenticated
        self.lock = threading.Lock()
        self.up_changed = threading.Condition(self.lock)
        self.stopping = False
        os.makedirs(args.output_dir, exist_ok=True)
        self.log_file = open(os.path.join(args.output_dir, self.me + ".log"), "x", encoding="utf-8")
        self.lamport = 0
        self.vector = [0] * len(self.machines)
        self.ticks = 0
        self.seq = 0

    def log(self, event):
        self.log_file.write(json.dumps(event, separators=(",", ":")) + "\n")
        self.log_file.flush()

    def vec(self):
        return {m: self.vector[i] for i, m in enumerate(self.machines)}

    # --- acceptor side -------------------------------------------------------------------------
    def listen(self):
        spec = self.specs[self.me]
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((spec["host"], spec["port"]))
        server.listen(16)
        self.server = server
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def accept_loop(self):
        while not self.stopping:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        peer = None
        try:
            conn.settimeout(self.handshake_timeout)
            hello = read_frame(conn)
            ident, incarnation, nonce_c = parse_identity(hello, T_HELLO)
            if ident not in self.peers or len(nonce_c) != 32:
                raise ValueError("unknown id %r" % ident)
            ack_prefix = identity(T_ACK, self.me, self.incarnation, secrets.token_bytes(32))
            ack = ack_prefix + mac(self.key, b"CLOCKSCOPE-ACK", hello, ack_prefix)
            send_frame(conn, ack)
            auth = read_frame(conn)
            if auth[0] != T_AUTH or not hmac.compare_digest(auth[1:], mac(self.key, b"CLOCKSCOPE-AUTH", hello, ack)):
                raise ValueError("authentication failed")
            conn.settimeout(None)
            peer = ident
            self.link_changed(peer, inbound=True, up=True)
            n_machines = len(self.machines)
            while True:
                p = read_frame(conn)
                sender, seq, lamport, n = struct.unpack(">HqqH", p[1:21])
                if p[0] != T_DATA or sender != self.machines.index(peer) or n != n_machines:
                    raise ValueError("bad data frame")
                vector = list(struct.unpack(">%dq" % n, p[21:21 + 8 * n]))
                self.inbox.put({"from": peer, "fromIncarnation": incarnation, "seq": seq, "lamport": lamport,
                                "vector": vector, "arrived": now_micros()})
        except (OSError, EOFError, ValueError, struct.error, UnicodeDecodeError) as e:
            if peer is None:
                print("closing inbound connection: %s" % e, file=sys.stderr)
        finally:
            conn.close()
            if peer is not None:
                self.link_changed(peer, inbound=True, up=False)

    # --- connector side ------------------------------------------------------------------------
    def connect_loop(self, peer):
        delay = 0.1
        while not self.stopping:
            with self.lock:
                if peer in self.out:
                    with_link = True
                else:
                    with_link = False
            if with_link:
                time.sleep(0.05)
                continue
            try:
                spec = self.specs[peer]
                sock = socket.create_connection((spec["host"], spec["port"]), timeout=self.handshake_timeout)
                hello = identity(T_HELLO, self.me, self.incarnation, secrets.token_bytes(32))
                send_frame(sock, hello)
                ack = read_frame(sock)
                ident, _, rest = parse_identity(ack, T_ACK)
                if ident != peer or not hmac.compare_digest(rest[32:], mac(self.key, b"CLOCKSCOPE-ACK", hello, ack[:-32])):
                    raise ValueError("%s failed authentication" % peer)
                send_frame(sock, bytes([T_AUTH]) + mac(self.key, b"CLOCKSCOPE-AUTH", hello, ack))
                sock.settimeout(None)
                threading.Thread(target=self.watch, args=(peer, sock), daemon=True).start()
                self.link_changed(peer, inbound=False, up=True, sock=sock)
                delay = 0.1
            except (OSError, EOFError, ValueError, struct.error):
                time.sleep(random.uniform(delay / 2, delay))
                delay = min(delay * 2, 1.6)

    def watch(self, peer, sock):
        """The acceptor never writes after HelloAck: a read returning means the link is gone."""
        try:
            sock.recv(1)
        except OSError:
            pass
        self.link_changed(peer, inbound=False, up=False, sock=sock)

    def link_changed(self, peer, inbound, up, sock=None):
        self.inbox.put({"link": peer, "inbound": inbound, "up": up, "sock": sock})

    # --- the tick thread -------------------------------------------------------------------------
    def run(self):
        self.log({"event": "start", "format": 1, "machine": self.me, "machines": self.machines, "peers": self.peers,
                  "ticksPerSecond": self.rate, "die": self.die, "seed": self.seed, "wallMicros": self.incarnation,
                  "incarnation": self.incarnation, "version": "python-peer"})
        self.listen()
        for p in self.peers:
            threading.Thread(target=self.connect_loop, args=(p,), daemon=True).start()
        self.state = {p: [False, False] for p in self.peers}
        self.up = {p: False for p in self.peers}
        self.queue = []
        connected = False
        while not connected:
            self.take(self.inbox.get())
            connected = all(self.up.values())
        self.log({"event": "connected", "wallMicros": now_micros(), "peers": self.peers})
        start = time.monotonic()
        total = int(self.duration * self.rate)
        k = 0
        while k < total:
            deadline = start + k / self.rate
            while True:
                left = deadline - time.monotonic()
                try:
                    self.take(self.inbox.get(timeout=left) if left > 0 else self.inbox.get_nowait())
                except queue.Empty:
                    if left <= 0:
                        break
            self.tick()
            k += 1
        self.stopping = True
        self.log({"event": "stop", "wallMicros": now_micros(), "reason": "duration", "ticks": self.ticks})
        self.log_file.close()
        for s in list(self.out.values()):
            s.close()
        self.server.close()

    def take(self, item):
        if "link" in item:
            peer = item["link"]
            if item["inbound"] is False:
                with self.lock:
                    if item["up"]:
                        self.out[peer] = item["sock"]
                    elif self.out.get(peer) is item["sock"]:
                        del self.out[peer]
                    else:
                        return
            self.state[peer][1 if item["inbound"] else 0] = item["up"]
            now_up = all(self.state[peer])
            if now_up != self.up[peer]:
                self.up[peer] = now_up
                self.log({"event": "peer_up" if now_up else "peer_down", "wallMicros": now_micros(), "peer": peer})
        else:
            self.queue.append(item)

    def tick(self):
        self.ticks += 1
        if self.queue:
            m = self.queue.pop(0)
            self.lamport = max(self.lamport, m["lamport"]) + 1
            self.vector = [max(a, b) for a, b in zip(self.vector, m["vector"])]
            self.vector[self.index] += 1
            self.log({"event": "receive", "wallMicros": now_micros(), "tick": self.ticks, "lamport": self.lamport,
                      "vector": self.vec(), "queue": len(self.queue), "from": m["from"], "seq": m["seq"],
                      "msgLamport": m["lamport"], "fromIncarnation": m["fromIncarnation"], "arrivedMicros": m["arrived"]})
            return
        face = self.rng.randint(1, self.die)
        n = len(self.machines)
        self.lamport += 1
        self.vector[self.index] += 1
        if face > n:
            self.log({"event": "internal", "wallMicros": now_micros(), "tick": self.ticks, "lamport": self.lamport,
                      "vector": self.vec(), "queue": len(self.queue)})
            return
        targets = self.peers if face == n else [self.peers[face - 1]]
        self.seq += 1
        wall = now_micros()
        self.log({"event": "send", "wallMicros": wall, "tick": self.ticks, "lamport": self.lamport,
                  "vector": self.vec(), "queue": len(self.queue), "to": targets, "seq": self.seq})
        payload = struct.pack(">BHqqH", T_DATA, self.index, self.seq, self.lamport, n) + struct.pack(">%dq" % n, *self.vector)
        for p in targets:
            sock = self.out.get(p) if self.up[p] else None
            try:
                if sock is None:
                    raise OSError("peer down")
                send_frame(sock, payload)
            except OSError:
                self.log({"event": "undelivered", "wallMicros": wall, "to": p, "seq": self.seq, "reason": "peer down"})


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="config.json")
    ap.add_argument("--machine-id", required=True)
    ap.add_argument("--output-dir", default="output_files")
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--ticks-per-second", type=int, default=4)
    ap.add_argument("--seed", type=int)
    Peer(ap.parse_args()).run()


if __name__ == "__main__":
    main()
