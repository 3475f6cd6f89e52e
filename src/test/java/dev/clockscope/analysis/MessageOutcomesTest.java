package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every message in exactly one bucket, protocol 3's messages in doubt included. */
class MessageOutcomesTest {
    /**
     * outcomes, by hand. p sends q seq 1..11 (one message each), q sends p seq 1.
     * <pre>
     * p seq1  2.0  q receives 2.5                                            received
     * p seq2  3.0  undelivered "peer down" 3.0                               undelivered: peer down
     * p seq3  4.0  q receives 4.3, THEN p logs it unacknowledged 4.5          received, ack lost (found among recent fates)
     * p seq4  4.2  p logs it unacknowledged 4.5, THEN q receives it 4.6       received, ack lost (found in doubt)
     * p seq5  5.0  unacknowledged 5.2; q never takes it, takes seq7 at 6.5    undelivered: unacknowledged
     * p seq6  5.5  never heard of again; q takes seq7 at 6.5                  lost
     * p seq7  6.0  q receives 6.5                                            received
     * p seq8  7.0  q's unprocessed line 7.3 (seq 8..9, count 2)               unprocessed
     * p seq9  7.1  unprocessed at 7.3, THEN p logs it unacknowledged 7.35     unprocessed, ack lost
     * p seq10 8.0  undelivered "peer stopped" 8.0                            undelivered: peer stopped
     * p seq11 9.0  nothing (q stopped at 7.4)                                in flight at the end
     * q seq1  3.0  p receives 3.5                                            received
     * 12 messages = 3 + 2 + 1 + 1 + (1 + 1 + 1) + 1 + 1. Legacy fields: received 5 (both received buckets),
     * undelivered 3 (every undelivered bucket), lost 1, unreceived at end 1; no check fails.
     * </pre>
     */
    @Test
    void everyMessageOnceAndMessagesInDoubtAreNotFailures() throws Exception {
        RunResult r = KnownAnswerTest.analyze("outcomes");
        for (CheckResult c : r.checks()) {
            assertTrue(c.passed(), c.check() + ": " + c.firstViolation());
        }
        MessageOutcomes o = r.messages().outcomes();
        assertEquals(3, o.received());
        assertEquals(2, o.receivedAckLost());
        assertEquals(1, o.unprocessed());
        assertEquals(1, o.unprocessedAckLost());
        assertEquals(Map.of("peer down", 1L, "peer stopped", 1L, "unacknowledged", 1L), o.undelivered());
        assertEquals(1, o.lost());
        assertEquals(1, o.inFlightAtEnd());
        assertEquals(0, o.toEarlierLifeOfReceiver() + o.toMachineWithoutLog());
        assertEquals(12, o.total());
        assertEquals(r.messages().messages(), o.total());
        assertEquals(o.total(), o.rows().stream().mapToLong(MessageOutcomes.Row::count).sum());
        MessageResult m = r.messages();
        assertEquals(5, m.received());
        assertEquals(3, m.undelivered());
        assertEquals(1, m.lost());
        assertEquals(1, m.unreceivedAtEnd());
        assertTrue(m.firstLost().contains("p.log:19: seq 6 to q never received"), m.firstLost());
        assertEquals(3, r.machines().get(0).undelivered());
        assertEquals(1, r.machines().get(1).lostTo());
        assertTrue(r.warnings().isEmpty(), String.valueOf(r.warnings()));
    }

    /**
     * outcomes, with two lines added to p's log after line 6: seq 2 undelivered again ("partition"; line 7), and seq 99,
     * which p never sent (line 8). The warning said only "2 undelivered lines name no logged send", no file, no line,
     * and a message with two outcomes among them.
     */
    @Test
    void anUndeliveredLineForAMessageThatHadItsOutcomeIsNamedAsSuch(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path fixture = KnownAnswerTest.fixture("outcomes");
        java.nio.file.Files.copy(fixture.resolve("q.log"), dir.resolve("q.log"));
        List<String> p = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(fixture.resolve("p.log")));
        p.add(6, "{\"event\":\"undelivered\",\"wallMicros\":3000000,\"to\":\"q\",\"seq\":2,\"reason\":\"partition\"}");
        p.add(7, "{\"event\":\"undelivered\",\"wallMicros\":3000000,\"to\":\"q\",\"seq\":99,\"reason\":\"peer down\"}");
        java.nio.file.Files.write(dir.resolve("p.log"), p);
        RunResult r = new RunAnalyzer(RunInput.open(dir), WindowSpec.DEFAULT, List.of()).analyze();
        assertEquals(List.of("1 \"undelivered\" lines name no logged send (first: " + dir.resolve("p.log") + ":8)",
                "1 \"undelivered\" lines name a message that already had its outcome (first: " + dir.resolve("p.log")
                        + ":7, seq 2 to q, already settled at " + dir.resolve("p.log") + ":6)"), r.warnings());
        assertEquals(12, r.messages().outcomes().total(), "each message still once");
    }

    /**
     * bad-undelivered: p logged seq1 undelivered "peer down" (2.0) before q received it (2.5), and seq2
     * undelivered "peer stopped" (3.6) after q received it (3.5). Neither reason can be a lost Ack: such a message
     * never left, so each receive is a contradiction, reported once as a failed check; each message counts once.
     */
    @Test
    void aMessageThatNeverLeftCannotBeReceived() throws Exception {
        RunResult r = KnownAnswerTest.analyze("bad-undelivered");
        CheckResult c = r.checks().stream().filter(x -> x.check() == Check.RECEIVE_MATCHES_SEND).findFirst().orElseThrow();
        assertEquals(2, c.violations());
        assertTrue(c.firstViolation().contains("q.log:3: receive of seq 1 from p matches no send")
                && c.firstViolation().contains("its sender logged it undelivered (")
                && c.firstViolation().contains("p.log:4)"), c.firstViolation());
        assertFalse(r.passed());
        MessageOutcomes o = r.messages().outcomes();
        assertEquals(2, o.total());
        assertEquals(1, o.received()); // seq2: its receive came first and stands
        assertEquals(Map.of("peer down", 1L), o.undelivered());
    }

    /** The ledger alone: a "never left" report after the receive names the receive's line. */
    @Test
    void aNeverLeftReportAfterTheReceiveNamesTheReceive() {
        MessageLedger ledger = new MessageLedger(List.of("p", "q"), new Path[] {Path.of("p.log"), Path.of("q.log")},
                new long[] {0, 0}, new long[] {1, 1});
        long[] v = {1, 0};
        ledger.send(0, 2, 3_000_000, 2, v, 0, v, 5, new int[] {1}, 1, null, 3_000_000, -1, 0);
        assertEquals(2, ledger.receive(0, 1, 2, 3_500_000, Path.of("q.log"), 4).lamport);
        assertEquals("seq 2 to q was taken by it (q.log:4) but its sender logged it undelivered (peer stopped): it never"
                + " left", ledger.undelivered(0, 1, 2, "peer stopped", 6));
        // the same report with reason unacknowledged is no contradiction: the Ack was lost
        ledger.send(0, 3, 4_000_000, 3, v, 0, v, 7, new int[] {1}, 1, null, 3_000_000, -1, 0);
        ledger.receive(0, 1, 3, 4_500_000, Path.of("q.log"), 5);
        assertNull(ledger.undelivered(0, 1, 3, "unacknowledged", 8));
        assertEquals(1, ledger.counts.outcomes().receivedAckLost());
        assertEquals(1, ledger.counts.outcomes().received());
        // reported twice: the second report names nothing new, and is counted as a second outcome, not as no send
        assertNull(ledger.undelivered(0, 1, 3, "unacknowledged", 9));
        assertEquals(1, ledger.counts.outcomes().receivedAckLost());
        assertEquals(List.of(1L, 0L), List.of(ledger.counts.undeliveredAgain, ledger.counts.undeliveredWithoutSend));
        assertEquals("p.log:9, seq 3 to q, already settled at q.log:5", ledger.counts.firstUndeliveredAgain);
    }
}
