package dev.clockscope.analysis;

/** The correctness checks, in report order. Ids are part of the JSON output. */
public enum Check {
    CLOCKS_INCREASE("clocks-increase", "Clocks strictly increase on each machine",
            "Lamport clock strictly increases from event to event; no vector entry decreases and the machine's own entry increases."),
    RECEIVE_MATCHES_SEND("receive-matches-send", "Every RECEIVE matches one SEND",
            "Each receive is matched, by (sender, seq, receiver), to exactly one logged send that named the receiver."),
    RECEIVE_AFTER_SEND("receive-clock-after-send", "Receive clock > sent clock",
            "A receive's Lamport clock exceeds the message's clock, and the message carries the clock its send logged."),
    VECTOR_AGREES_WITH_LAMPORT("vector-agrees-with-lamport", "Vector clocks agree with Lamport clocks",
            "Every vector follows the rules (local event: own entry + 1; receive: max with the send's vector, own + 1),"
                    + " and on every happened-before edge (program order, send to receive) V(a) < V(b) and L(a) < L(b);"
                    + " by transitivity a → b implies L(a) < L(b) for every pair."),
    CLOCKS_ACROSS_LIVES("clocks-across-lives", "Clocks keep increasing across a machine's lives",
            "A restarted machine's first event has a higher Lamport clock and own vector entry than every event of its"
                    + " earlier lives (previous/ logs), and above the values its start line says it resumed from; a"
                    + " life whose start line has no resumedFrom predates resumed clocks: a warning, not a failure."),
    HLC_INCREASES("hlc-increases", "HLC strictly increases on each machine",
            "The hybrid logical clock (l, c) of each tick event exceeds the previous event's, lexicographically."),
    HLC_HAPPENED_BEFORE("hlc-respects-happened-before", "HLC respects happened-before",
            "On every message hlc(send) < hlc(receive); with the previous check (program order), e → f implies"
                    + " hlc(e) < hlc(f) for every pair."),
    HLC_NEAR_PHYSICAL("hlc-near-physical-time", "HLC stays near physical time",
            "pt ≤ l ≤ pt + ε on every event, pt the machine's own clock and ε the largest spread of the machines'"
                    + " clocks over the run (offsets and drifts from the start lines), capped by the max offset.");

    /** The checks that only a run whose machines keep hybrid logical clocks has. */
    public boolean needsHlc() {
        return this == HLC_INCREASES || this == HLC_HAPPENED_BEFORE || this == HLC_NEAR_PHYSICAL;
    }

    private final String id;
    private final String title;
    private final String rule;

    Check(String id, String title, String rule) {
        this.id = id;
        this.title = title;
        this.rule = rule;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String rule() {
        return rule;
    }
}
