#!/usr/bin/env python3
"""A ClockScope machine written from docs/PROTOCOL.md alone (standard library only), protocol version 4.

Usage: clockscope_peer.py --config config.json --machine-id ID [--output-dir DIR] [--duration SECONDS]
                          [--ticks-per-second N] [--seed N]
       clockscope_peer.py --self-test      (checks the document's known answers and exits)
It joins a cluster of Java machines, ticks like them and writes the same JSON-lines event log.
"""
import argparse
import collections
import hashlib
import hmac
import json
import os
import queue
import random
import re
import secrets
import socket
import struct
import sys
import threading
import time

VERSION = 4
T_HELLO, T_HELLO_ACK, T_DATA, T_AUTH, T_ACK, T_HEARTBEAT, T_GOODBYE, T_DATA_HLC = 1, 2, 3, 4, 5, 6, 7, 8
OPEN_KEY = b"clockscope-open-cluster"


def now_micros():
    return time.time_ns() // 1000


def seconds(text, default):
    """A config duration: a number of seconds, or "250ms", "1.5s", "2m"."""
    if text is None:
        return default
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ms|s|m)?\s*", str(text))
    if not m:
        raise ValueError("bad duration %r" % text)
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, None: 1}[m.group(2)]


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


def framed(payload):
    return struct.pack(">I", len(payload)) + payload


def identity(type_, ident, incarnation, nonce, seen_lamport, seen_own):
    raw = ident.encode("utf-8")
    return (struct.pack(">BHH", type_, VERSION, len(raw)) + raw + struct.pack(">q", incarnation) + nonce
            + struct.pack(">qq", seen_lamport, seen_own))


def parse_identity(payload, expected_type):
    """-> (id, incarnation, nonce, seen_lamport, seen_own, rest); raises on another version."""
    type_, version = struct.unpack(">BH", payload[:3])
    if type_ != expected_type:
        raise ValueError("unexpected frame type %d" % type_)
    if version != VERSION:
        raise ValueError("protocol version %d, this machine speaks %d" % (version, VERSION))
    (n,) = struct.unpack(">H", payload[3:5])
    ident = payload[5:5 + n].decode("utf-8")
    (incarnation,) = struct.unpack(">q", payload[5 + n:13 + n])
    nonce = payload[13 + n:45 + n]
    seen_lamport, seen_own = struct.unpack(">qq", payload[45 + n:61 + n])
    return ident, incarnation, nonce, seen_lamport, seen_own, payload[61 + n:]


def mac(key, label, *parts):
    h = hmac.new(key, label, hashlib.sha256)
    for p in parts:
        h.update(p)
    return h.digest()


def ack_frame(seq):
    return struct.pack(">Bq", T_ACK, seq)


class Link:
    """One socket with its write lock (frames of two threads never interleave) and the time of its last write."""

    def __init__(self, sock):
        self.sock = sock
        self.lock = threading.Lock()
        self.last_write = time.monotonic()
        self.unacked = collections.deque()   # outbound links: seqs written and not yet acknowledged

    def send(self, payload, seq=None):
        with self.lock:
            if seq is not None:
                self.unacked.append(seq)
            try:
                self.sock.sendall(framed(payload))
            except OSError:
                if seq is not None:
                    self.unacked.pop()
                raise
            self.last_write = time.monotonic()

    def acknowledge(self, upto):
        with self.lock:
            while self.unacked and self.unacked[0] <= upto:
                self.unacked.popleft()

    def take_unacked(self):
        with self.lock:
            lost = list(self.unacked)
            self.unacked.clear()
            return lost


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
        self.handshake_timeout = seconds(cfg.get("handshakeTimeout"), 5.0)
        self.heartbeat = seconds(cfg.get("heartbeatInterval"), 0.25)
        self.dead_after = seconds(cfg.get("heartbeatTimeout"), 1.5)
        self.seed = args.seed if args.seed is not None else random.getrandbits(53)
        self.rng = random.Random(self.seed)
        self.rate = args.ticks_per_second
        self.duration = args.duration
        self.incarnation = now_micros()
        self.inbox = queue.Queue()
        self.lock = threading.Lock()
        self.links = []              # every established Link, for the heartbeats
        self.out = {}                # peer -> Link we opened (we send on it); tick thread only
        self.taking = True           # False once we stop: nothing more is queued or acknowledged
        self.stopping = False
        self.seen = {p: [0, 0] for p in self.peers}       # highest Lamport / own entry seen from each peer
        self.taken = {}              # (peer, incarnation) -> highest seq taken
        self.stopped = {}            # peer -> incarnation that said goodbye
        self.high_water = [0, 0]     # the most any peer has seen of us (earlier lives): resume above it
        os.makedirs(args.output_dir, exist_ok=True)
        self.log_file = open(os.path.join(args.output_dir, self.me + ".log"), "x", encoding="utf-8")
        self.lamport = 0
        self.vector = [0] * len(self.machines)
        self.ticks = 0
        self.seq = 0
        # the hybrid logical clock [l, c] (section 8), kept unless config.json's "clocks" leaves out hlc
        self.keeps_hlc = "hlc" in [c.strip() for c in cfg.get("clocks", "lamport,vector,hlc").split(",")]
        self.max_offset = int(seconds(cfg.get("hlcMaxOffset"), 0.5) * 1_000_000)
        self.hlc = [0, 0]

    def log(self, event):
        self.log_file.write(json.dumps(event, separators=(",", ":")) + "\n")
        self.log_file.flush()

    def vec(self):
        return {m: self.vector[i] for i, m in enumerate(self.machines)}

    def register(self, link):
        with self.lock:
            self.links.append(link)

    def heartbeats(self):
        """Every interval: a Heartbeat on each established connection that wrote nothing for an interval."""
        while not self.stopping:
            time.sleep(self.heartbeat)
            with self.lock:
                links = list(self.links)
            for link in links:
                if time.monotonic() - link.last_write >= self.heartbeat:
                    try:
                        link.send(bytes([T_HEARTBEAT]))
                    except OSError:
                        with self.lock:
                            if link in self.links:
                                self.links.remove(link)

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
        link = Link(conn)
        try:
            conn.settimeout(self.handshake_timeout)
            hello = read_frame(conn)
            if hello[0] == T_HELLO and len(hello) >= 3 and struct.unpack(">H", hello[1:3])[0] != VERSION:
                # the refusal every version can read: a HelloAck cut after its version field
                conn.sendall(framed(struct.pack(">BH", T_HELLO_ACK, VERSION)))
                raise ValueError("protocol version %d, this machine speaks %d" % (struct.unpack(">H", hello[1:3])[0], VERSION))
            ident, incarnation, nonce_c, seen_lamport, seen_own, rest = parse_identity(hello, T_HELLO)
            if ident not in self.peers or len(nonce_c) != 32 or rest:
                raise ValueError("unknown id %r or malformed Hello" % ident)
            seen = self.seen[ident]
            ack_prefix = identity(T_HELLO_ACK, self.me, self.incarnation, secrets.token_bytes(32), seen[0], seen[1])
            ack = ack_prefix + mac(self.key, b"CLOCKSCOPE-ACK", hello, ack_prefix)
            conn.sendall(framed(ack))
            auth = read_frame(conn)
            if auth[0] != T_AUTH or not hmac.compare_digest(auth[1:], mac(self.key, b"CLOCKSCOPE-AUTH", hello, ack)):
                raise ValueError("authentication failed")
            peer = ident
            link.send(ack_frame(self.taken.get((peer, incarnation), 0)))   # the first Ack confirms the connection
            self.register(link)
            conn.settimeout(self.dead_after)   # nothing for the heartbeat timeout: the link is dead
            self.inbox.put({"link": peer, "inbound": True, "up": True, "sock": conn, "incarnation": incarnation,
                            "seen": (seen_lamport, seen_own)})
            n_machines = len(self.machines)
            sender_index = self.machines.index(peer)
            said_goodbye = False
            while True:
                p = read_frame(conn)
                if p[0] == T_HEARTBEAT and len(p) == 1:
                    continue
                if p[0] == T_GOODBYE and len(p) == 1 and not said_goodbye:
                    said_goodbye = True
                    self.inbox.put({"goodbye": peer, "incarnation": incarnation})
                    continue
                if p[0] not in (T_DATA, T_DATA_HLC) or said_goodbye:
                    raise ValueError("unexpected frame type %d" % p[0])
                hlc = None
                if p[0] == T_DATA_HLC:
                    sender, seq, lamport, l, c, n = struct.unpack(">HqqqiH", p[1:33])
                    if l < 0 or c < 0:
                        raise ValueError("negative HLC")
                    hlc, at = (l, c), 33
                else:
                    sender, seq, lamport, n = struct.unpack(">HqqH", p[1:21])
                    at = 21
                if sender != sender_index or n != n_machines or len(p) != at + 8 * n:
                    raise ValueError("bad data frame")
                vector = list(struct.unpack(">%dq" % n, p[at:at + 8 * n]))
                seen[0] = max(seen[0], lamport)
                seen[1] = max(seen[1], vector[sender_index])
                if not self.taking:
                    continue   # stopping: not taken, not acknowledged; the sender reports it
                self.inbox.put({"from": peer, "fromIncarnation": incarnation, "seq": seq, "lamport": lamport,
                                "vector": vector, "hlc": hlc, "arrived": now_micros()})
                self.taken[(peer, incarnation)] = seq
                link.send(ack_frame(seq))
        except (OSError, EOFError, ValueError, struct.error, UnicodeDecodeError) as e:
            if peer is None:
                print("closing inbound connection: %s" % e, file=sys.stderr)
        finally:
            conn.close()
            if peer is not None:
                self.inbox.put({"link": peer, "inbound": True, "up": False, "sock": conn})

    # --- connector side ------------------------------------------------------------------------
    def connect_loop(self, peer):
        delay = 0.1
        while not self.stopping:
            with self.lock:
                with_link = peer in self.out
            if with_link:
                time.sleep(0.05)
                continue
            try:
                spec = self.specs[peer]
                sock = socket.create_connection((spec["host"], spec["port"]), timeout=self.handshake_timeout)
                seen = self.seen[peer]
                hello = identity(T_HELLO, self.me, self.incarnation, secrets.token_bytes(32), seen[0], seen[1])
                sock.sendall(framed(hello))
                ack = read_frame(sock)
                if ack[0] == T_HELLO_ACK and len(ack) >= 3 and struct.unpack(">H", ack[1:3])[0] != VERSION:
                    raise ValueError("%s speaks protocol version %d, this machine speaks %d"
                                     % (peer, struct.unpack(">H", ack[1:3])[0], VERSION))
                ident, incarnation, _, seen_lamport, seen_own, rest = parse_identity(ack, T_HELLO_ACK)
                if ident != peer or not hmac.compare_digest(rest, mac(self.key, b"CLOCKSCOPE-ACK", hello, ack[:-32])):
                    raise ValueError("%s failed authentication" % peer)
                sock.sendall(framed(bytes([T_AUTH]) + mac(self.key, b"CLOCKSCOPE-AUTH", hello, ack)))
                first = read_frame(sock)
                if first[0] != T_ACK:
                    raise ValueError("%s did not acknowledge Auth" % peer)
                sock.settimeout(self.dead_after)
                link = Link(sock)
                self.register(link)
                with self.lock:
                    self.out[peer] = link
                threading.Thread(target=self.watch, args=(peer, link), daemon=True).start()
                self.inbox.put({"link": peer, "inbound": False, "up": True, "sock": link, "incarnation": incarnation,
                                "seen": (seen_lamport, seen_own)})
                delay = 0.1
            except (OSError, EOFError, ValueError, struct.error):
                time.sleep(random.uniform(delay / 2, delay))
                delay = min(delay * 2, 1.6)

    def watch(self, peer, link):
        """Our connection to a peer carries its Acks and heartbeats back; silence or an error ends it."""
        try:
            while True:
                p = read_frame(link.sock)
                if p[0] == T_ACK and len(p) == 9:
                    link.acknowledge(struct.unpack(">q", p[1:9])[0])
                elif p[0] != T_HEARTBEAT or len(p) != 1:
                    raise ValueError("unexpected frame type %d" % p[0])
        except (OSError, EOFError, ValueError, struct.error):
            pass
        link.sock.close()
        with self.lock:
            if self.out.get(peer) is link:
                del self.out[peer]
        self.inbox.put({"link": peer, "inbound": False, "up": False, "sock": link})

    # --- the tick thread -------------------------------------------------------------------------
    def run(self):
        self.log({"event": "start", "format": 1, "machine": self.me, "machines": self.machines, "peers": self.peers,
                  "ticksPerSecond": self.rate, "die": self.die, "seed": self.seed, "wallMicros": self.incarnation,
                  "incarnation": self.incarnation, "version": "python-peer", "clockOffsetMicros": 0,
                  "clockDriftPpb": 0, **({"hlcMaxOffsetMicros": self.max_offset} if self.keeps_hlc else {})})
        self.listen()
        threading.Thread(target=self.heartbeats, daemon=True).start()
        for p in self.peers:
            threading.Thread(target=self.connect_loop, args=(p,), daemon=True).start()
        self.state = {p: [False, False] for p in self.peers}
        self.up = {p: False for p in self.peers}
        self.queue = []
        connected = False
        while not connected:
            self.take(self.inbox.get())
            connected = all(self.up.values())
        # a new life resumes above what its peers have seen of its earlier lives
        self.lamport = max(self.lamport, self.high_water[0])
        self.vector[self.index] = max(self.vector[self.index], self.high_water[1])
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
        self.goodbye()
        self.log({"event": "stop", "wallMicros": now_micros(), "reason": "duration", "ticks": self.ticks})
        self.log_file.close()
        self.stopping = True
        for link in list(self.out.values()):
            link.sock.close()
        self.server.close()

    def goodbye(self):
        """Take nothing more, tell every peer, wait (1 s at most) for our messages' Acks, report the rest."""
        self.taking = False
        for p, link in list(self.out.items()):
            try:
                link.send(bytes([T_GOODBYE]))
            except OSError:
                pass
        deadline = time.monotonic() + 1.0
        while any(link.unacked for link in list(self.out.values())) and time.monotonic() < deadline:
            try:
                self.take(self.inbox.get(timeout=0.05))
            except queue.Empty:
                pass
        for p, link in list(self.out.items()):
            self.undelivered(p, link.take_unacked(), "unacknowledged")

    def undelivered(self, peer, seqs, reason):
        for s in seqs:
            self.log({"event": "undelivered", "wallMicros": now_micros(), "to": peer, "seq": s, "reason": reason})

    def take(self, item):
        if "goodbye" in item:
            peer = item["goodbye"]
            self.stopped[peer] = item["incarnation"]
            link = self.out.get(peer)
            if link is not None and not self.stopping:
                try:
                    link.send(bytes([T_GOODBYE]))   # our answer, after the last message we sent it
                except OSError:
                    pass
            return
        if "link" in item:
            peer = item["link"]
            if item["up"]:
                if self.stopped.get(peer, item["incarnation"]) != item["incarnation"]:
                    del self.stopped[peer]   # a new life of a peer that had said goodbye
                hw = item["seen"]
                self.high_water = [max(self.high_water[0], hw[0]), max(self.high_water[1], hw[1])]
            elif not item["inbound"]:
                self.undelivered(peer, item["sock"].take_unacked(), "unacknowledged")
            self.state[peer][1 if item["inbound"] else 0] = item["up"]
            now_up = all(self.state[peer])
            if now_up != self.up[peer]:
                self.up[peer] = now_up
                self.log({"event": "peer_up" if now_up else "peer_down", "wallMicros": now_micros(), "peer": peer})
        else:
            self.queue.append(item)

    def hlc_event(self, pt, m=None):
        """The paper's rules (section 8): a send or local event, or the receive of a message stamped m = (l, c)."""
        l0, c0 = self.hlc
        if m is None:
            l = max(l0, pt)
            c = c0 + 1 if l == l0 else 0
        else:
            l = max(l0, m[0], pt)
            if l == l0 and l == m[0]:
                c = max(c0, m[1]) + 1
            elif l == l0:
                c = c0 + 1
            elif l == m[0]:
                c = m[1] + 1
            else:
                c = 0
        self.hlc = [l, c]
        return {"hlc": [l, c]}

    def tick(self):
        self.ticks += 1
        wall = now_micros()   # one reading per tick; this peer's clock is the host's: physMicros = wallMicros
        clocks = {"physMicros": wall}
        while self.queue:
            m = self.queue.pop(0)
            if self.keeps_hlc and m["hlc"] is not None and m["hlc"][0] - wall > self.max_offset:
                self.log({"event": "rejected", "wallMicros": wall, "from": m["from"], "fromIncarnation":
                          m["fromIncarnation"], "seq": m["seq"], "reason": "clock ahead by %dus (max %dus)"
                          % (m["hlc"][0] - wall, self.max_offset), "arrivedMicros": m["arrived"]})
                continue
            self.lamport = max(self.lamport, m["lamport"]) + 1
            self.vector = [max(a, b) for a, b in zip(self.vector, m["vector"])]
            self.vector[self.index] += 1
            if self.keeps_hlc:
                clocks.update(self.hlc_event(wall, m["hlc"]))
            self.log({"event": "receive", "wallMicros": wall, **clocks, "tick": self.ticks, "lamport": self.lamport,
                      "vector": self.vec(), "queue": len(self.queue), "from": m["from"], "seq": m["seq"],
                      "msgLamport": m["lamport"], "fromIncarnation": m["fromIncarnation"], "arrivedMicros": m["arrived"]})
            return
        face = self.rng.randint(1, self.die)
        n = len(self.machines)
        self.lamport += 1
        self.vector[self.index] += 1
        if self.keeps_hlc:
            clocks.update(self.hlc_event(wall))
        if face > n:
            self.log({"event": "internal", "wallMicros": wall, **clocks, "tick": self.ticks, "lamport": self.lamport,
                      "vector": self.vec(), "queue": len(self.queue)})
            return
        targets = self.peers if face == n else [self.peers[face - 1]]
        self.seq += 1
        self.log({"event": "send", "wallMicros": wall, **clocks, "tick": self.ticks, "lamport": self.lamport,
                  "vector": self.vec(), "queue": len(self.queue), "to": targets, "seq": self.seq})
        if self.keeps_hlc:
            payload = struct.pack(">BHqqqiH", T_DATA_HLC, self.index, self.seq, self.lamport, self.hlc[0], self.hlc[1], n)
        else:
            payload = struct.pack(">BHqqH", T_DATA, self.index, self.seq, self.lamport, n)
        payload += struct.pack(">%dq" % n, *self.vector)
        for p in targets:
            if p in self.stopped:
                self.undelivered(p, [self.seq], "peer stopped")
                continue
            link = self.out.get(p) if self.up[p] else None
            try:
                if link is None:
                    raise OSError("peer down")
                link.send(payload, self.seq)
            except OSError:
                self.undelivered(p, [self.seq], "peer down")


def self_test():
    """The known answer of docs/PROTOCOL.md, section 3."""
    key = b"s3cret"
    hello = identity(T_HELLO, "machine_1", 7, bytes(32), 5, 3)
    ack_prefix = identity(T_HELLO_ACK, "machine_2", 9, bytes([1]) + bytes(31), 11, 4)
    mac_a = mac(key, b"CLOCKSCOPE-ACK", hello, ack_prefix)
    mac_c = mac(key, b"CLOCKSCOPE-AUTH", hello, ack_prefix + mac_a)
    assert mac_a.hex() == "f994848c39b2f55676ac12745e34377c7c80519ea71a846dc77f9acd55dcbf57", mac_a.hex()
    assert mac_c.hex() == "38b6f750dad20d2541f42aec376ef65e4151f0625c43204cd6b51de6e9b753a0", mac_c.hex()
    data = struct.pack(">BHqqH", T_DATA, 1, 2, 3, 2) + struct.pack(">2q", 0, 4)
    assert data.hex() == "030001000000000000000200000000000000030002" "0000000000000000" "0000000000000004"
    data = struct.pack(">BHqqqiH", T_DATA_HLC, 1, 2, 3, 1767225600150000, 7, 2) + struct.pack(">2q", 0, 4)
    assert data.hex() == ("080001000000000000000200000000000000030006474846228" "9f000000007" "0002"
                          "0000000000000000" "0000000000000004"), data.hex()
    # the HLC rules on the hand-computed cases of HybridLogicalClockTest
    peer = Peer.__new__(Peer)
    peer.hlc = [0, 0]
    assert peer.hlc_event(10) == {"hlc": [10, 0]} and peer.hlc_event(10) == {"hlc": [10, 1]}
    assert peer.hlc_event(9) == {"hlc": [10, 2]} and peer.hlc_event(12) == {"hlc": [12, 0]}
    assert peer.hlc_event(12, (12, 5)) == {"hlc": [12, 6]} and peer.hlc_event(11, (11, 9)) == {"hlc": [12, 7]}
    assert peer.hlc_event(13, (20, 4)) == {"hlc": [20, 5]} and peer.hlc_event(25, (21, 3)) == {"hlc": [25, 0]}
    print("self-test passed")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="config.json")
    ap.add_argument("--machine-id")
    ap.add_argument("--output-dir", default="output_files")
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--ticks-per-second", type=int, default=4)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        self_test()
        return
    if not args.machine_id:
        ap.error("--machine-id is required")
    Peer(args).run()


if __name__ == "__main__":
    main()
