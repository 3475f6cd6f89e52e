package dev.clockscope.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.testing.FaultTally;
import dev.clockscope.testing.LogInvariants;
import dev.clockscope.testing.Ports;
import dev.clockscope.testing.StartedProcesses;
import dev.clockscope.testing.VmProcess;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes and pauses of real {@code vm.jar} processes: kill -9 then restart with the same id, and
 * SIGSTOP/SIGCONT. The survivors' logs must show they never stopped ticking.
 */
class CrashIT {
    /** 10 ticks/s. */
    private static final int RATE = 10;
    /**
     * The longest gap between a survivor's ticks without a {@code stall} line: a tick up to the stall threshold
     * late (200 ms, TickSchedule) still runs, so one period plus that. A longer freeze must be logged as a stall:
     * on a loaded host a stall is not a failure, an unlogged freeze is. Plus 100 ms: the wall time a tick logs is read
     * after the monotonic one that decided it was no stall, and a loaded host may preempt it in between.
     */
    private static final long MAX_GAP_MICROS = 1_000_000L / RATE + 200_000 + 100_000;

    private static void assertNoUnloggedFreeze(List<Event> ev, String survivor) {
        long gap = maxTickGapMicros(ev);
        long stalled = of(ev, Event.Stall.class).stream().mapToLong(Event.Stall::missedTicks).sum();
        assertTrue(gap <= MAX_GAP_MICROS || stalled > 0, survivor + " froze " + gap + " µs with no stall line");
    }

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedProcesses processes = new StartedProcesses();

    private VmProcess start(String name, String id, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--machine-id", id));
        args.addAll(List.of(extra));
        VmProcess p = VmProcess.start(dir, name, args.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    private Path log(String id) {
        return dir.resolve("output_files").resolve(id + ".log");
    }

    private static List<Event> events(Path log) throws Exception {
        return Files.exists(log) ? EventLogReader.readAll(log) : List.of();
    }

    private static <T extends Event> List<T> of(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static long count(Path log, Class<? extends Event> type) throws Exception {
        return of(events(log), type).size();
    }

    private static long peerEvents(Path log, Class<? extends Event> type, String peer) throws Exception {
        return events(log).stream().filter(type::isInstance)
                .filter(e -> peer.equals(e instanceof Event.PeerUp u ? u.peer() : ((Event.PeerDown) e).peer())).count();
    }

    /** The longest time between consecutive tick events (the survivor's "freeze"), in µs. */
    private static long maxTickGapMicros(List<Event> events) {
        long max = 0;
        long last = -1;
        for (Event e : events) {
            if (e instanceof Event.TickEvent t) {
                if (last >= 0) {
                    max = Math.max(max, t.wallMicros() - last);
                }
                last = t.wallMicros();
            }
        }
        return max;
    }

    private void stopAll(List<VmProcess> running) throws Exception {
        running.forEach(p -> p.process.destroy());
        for (VmProcess p : running) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !p.process.isAlive());
            assertEquals(0, p.process.exitValue(), p.err());
        }
    }

    private static void assertNothingMissingAfterCleanStop(List<Event> events, String who) {
        Event.Stop stop = (Event.Stop) events.get(events.size() - 1);
        assertEquals(stop.ticks(), of(events, Event.TickEvent.class).size(), who + ": every tick is in the log");
    }

    @Test
    void killNineThenRestartSurvivorsKeepTickingAndTheNewLifeIsAccepted() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3,
                "\"ticksPerSecond\":" + RATE + ",\"die\":4,\"duration\":0");
        VmProcess m1 = start("machine_1", "machine_1");
        VmProcess m2 = start("machine_2", "machine_2");
        VmProcess m3 = start("machine_3", "machine_3");
        await().atMost(Duration.ofSeconds(40)).until(() -> count(log("machine_3"), Event.Send.class) >= 8
                && events(log("machine_1")).stream().anyMatch(e -> e instanceof Event.Receive r && r.from().equals("machine_3")));

        // counted from here: a survivor stalled past the heartbeat timeout before the kill has given machine_3 up once
        Map<String, Long> downsBefore = new HashMap<>();
        for (String survivor : List.of("machine_1", "machine_2")) {
            downsBefore.put(survivor, peerEvents(log(survivor), Event.PeerDown.class, "machine_3"));
        }
        long killMicros = System.currentTimeMillis() * 1000;
        m3.process.destroyForcibly(); // SIGKILL
        m3.process.waitFor();
        byte[] firstLife = Files.readAllBytes(log("machine_3"));
        List<Event> oldLife = EventLogReader.readAll(log("machine_3"));
        long oldIncarnation = ((Event.Start) oldLife.get(0)).incarnation();

        for (String survivor : List.of("machine_1", "machine_2")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> peerEvents(log(survivor), Event.PeerDown.class, "machine_3")
                    > downsBefore.get(survivor) && events(log(survivor)).stream().anyMatch(e -> e instanceof Event.Undelivered u && u.to().equals("machine_3")));
        }
        VmProcess again = start("machine_3-again", "machine_3");
        for (String survivor : List.of("machine_1", "machine_2")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> peerEvents(log(survivor), Event.PeerUp.class, "machine_3")
                    > downsBefore.get(survivor) + 1);
        }
        // traffic from the new life reaches both survivors
        await().atMost(Duration.ofSeconds(20)).until(() -> Stream.of("machine_1", "machine_2").allMatch(s -> {
            try {
                return events(log(s)).stream().anyMatch(e -> e instanceof Event.Receive r && r.from().equals("machine_3")
                        && r.fromIncarnation() != oldIncarnation);
            } catch (Exception e) {
                return false;
            }
        }));
        stopAll(List.of(m1, m2, again));

        // the first life's log survives byte for byte, and reads (a torn last line would only be a warning)
        Path previous;
        try (Stream<Path> kept = Files.list(dir.resolve("output_files/previous"))) {
            List<Path> files = kept.toList();
            assertEquals(1, files.size(), files.toString());
            previous = files.get(0);
        }
        assertTrue(java.util.Arrays.equals(firstLife, Files.readAllBytes(previous)), "previous log intact");
        List<Event> newLife = EventLogReader.readAll(log("machine_3"));
        Event.Start newStart = (Event.Start) newLife.get(0);
        assertTrue(newStart.incarnation() > oldIncarnation);

        // kill -9 loses at most the last ~100 ms of events: the last line is recent, and every message a
        // survivor got from the old life has its send in the old log unless it was sent just before the kill
        long lastLogged = oldLife.get(oldLife.size() - 1).wallMicros();
        long lostWindow = killMicros - lastLogged;
        // (up to a second more where the loaded host did not run machine_3 just before the kill: a stall is no fault)
        assertTrue(lostWindow < 1_000_000 + 1_000_000 / RATE + 50_000, "last event " + lostWindow + " µs before the kill");
        Set<Long> oldSends = new HashSet<>();
        of(oldLife, Event.Send.class).forEach(s -> oldSends.add(s.seq()));

        long worstReconnectMicros = 0;
        long worstGap = 0;
        int lostInFlight = 0;
        int inDoubt = 0;
        for (String survivor : List.of("machine_1", "machine_2")) {
            List<Event> ev = EventLogReader.readAll(log(survivor));
            assertNothingMissingAfterCleanStop(ev, survivor);
            long gap = maxTickGapMicros(ev);
            worstGap = Math.max(worstGap, gap);
            assertNoUnloggedFreeze(ev, survivor);
            assertTrue(of(ev, Event.Rejected.class).isEmpty(), survivor + " rejected the new life's messages");

            long down = ev.stream().filter(e -> e instanceof Event.PeerDown d && d.peer().equals("machine_3")
                    && d.wallMicros() >= killMicros).findFirst().orElseThrow().wallMicros();
            long up = ev.stream().filter(e -> e instanceof Event.PeerUp u && u.peer().equals("machine_3")
                    && u.wallMicros() > down).findFirst().orElseThrow().wallMicros();
            worstReconnectMicros = Math.max(worstReconnectMicros, up - newStart.wallMicros());
            Set<Long> undelivered = new HashSet<>();
            of(ev, Event.Undelivered.class).stream().filter(u -> u.to().equals("machine_3")).forEach(u -> undelivered.add(u.seq()));
            Set<Long> receivedByOld = new HashSet<>();
            of(oldLife, Event.Receive.class).stream().filter(r -> r.from().equals(survivor)).forEach(r -> receivedByOld.add(r.seq()));
            Set<Long> receivedByNew = new HashSet<>();
            of(newLife, Event.Receive.class).stream().filter(r -> r.from().equals(survivor)).forEach(r -> receivedByNew.add(r.seq()));
            inDoubt += assertInDoubtOnlyWhereNoAckCouldReturn(ev, oldLife, survivor, killMicros);
            for (Event.Send s : of(ev, Event.Send.class)) {
                if (!s.to().contains("machine_3")) {
                    continue;
                }
                if (s.wallMicros() > down && s.wallMicros() < up) {
                    // refused while the peer is down; but the transport takes sends once both connections are up, a
                    // moment before the machine's thread logs peer_up (the link-up is posted to it): the new life
                    // then receives it (failed once in CI: send 18, not undelivered)
                    assertTrue(undelivered.contains(s.seq()) || receivedByNew.contains(s.seq()), survivor + ": send "
                            + s.seq() + " to the dead peer neither logged undelivered nor received by the new life");
                } else if (s.wallMicros() > killMicros - 200_000 && s.wallMicros() <= down && !receivedByOld.contains(s.seq())
                        && !undelivered.contains(s.seq())) {
                    // acknowledged (taken into the dead machine's queue, or its receive line was in the last
                    // unflushed ~50 ms of its log): gone with the process; unacknowledged ones are logged undelivered
                    lostInFlight++;
                }
            }
            long maxOldSeq = 0;
            boolean newLifeRestartedLow = false;
            for (Event.Receive r : of(ev, Event.Receive.class)) {
                if (!r.from().equals("machine_3")) {
                    continue;
                }
                if (r.fromIncarnation() == oldIncarnation) {
                    maxOldSeq = Math.max(maxOldSeq, r.seq());
                    assertTrue(oldSends.contains(r.seq()) || r.arrivedMicros() > killMicros - 150_000,
                            survivor + " received old seq " + r.seq() + " that the old log lacks");
                } else {
                    assertEquals(newStart.incarnation(), r.fromIncarnation());
                    newLifeRestartedLow |= r.seq() <= maxOldSeq;
                }
            }
            assertTrue(newLifeRestartedLow, survivor + ": the new life's seq restarting at 1 was accepted");
        }
        assertNothingMissingAfterCleanStop(newLife, "machine_3 (new life)");
        // the survivors' back-off (capped at 1.6 s) and a cold JVM's handshake, with room for a loaded host
        assertTrue(worstReconnectMicros < 5_000_000, "reconnect took " + worstReconnectMicros + " µs");
        LogInvariants.checkLives(List.of(log("machine_1"), log("machine_2"), log("machine_3"), previous), Set.of(previous));
        System.out.printf("CrashIT kill -9: reconnect %d ms after the new life started; survivors' max tick gap %d ms "
                        + "(period %d ms); old life's last event %d ms before the kill; %d sends taken by the dead machine "
                        + "but not in its log; %d received by it and logged undelivered (in doubt)%n",
                worstReconnectMicros / 1000, worstGap / 1000, 1000 / RATE, lostWindow / 1000, lostInFlight, inDoubt);
        FaultTally.add("process kill -9 and restart", 1);
    }

    /**
     * A message the killed life logged as received and its sender logged undelivered is in doubt, not lost:
     * the Ack leaves only after the receive line is in the file, so a kill between the two leaves the sender
     * without it (docs/PROTOCOL.md section 4). Acks are cumulative, so once one such seq is missing its Ack,
     * every later seq the old life received from that sender must be in doubt too, and only "unacknowledged"
     * may say so; on the old life's last connection, that is (a heartbeat timeout before the kill may have ended an
     * earlier one the same way). Returns how many were in doubt.
     */
    private static int assertInDoubtOnlyWhereNoAckCouldReturn(List<Event> senderLog, List<Event> oldLife, String sender,
                                                              long killMicros) {
        long lastConnected = senderLog.stream().filter(e -> e instanceof Event.PeerUp u && u.peer().equals("machine_3")
                && u.wallMicros() < killMicros).mapToLong(Event::wallMicros).max().orElseThrow();
        Set<Long> sentOnLastConnection = new HashSet<>();
        of(senderLog, Event.Send.class).stream().filter(s -> s.to().contains("machine_3") && s.wallMicros() >= lastConnected)
                .forEach(s -> sentOnLastConnection.add(s.seq()));
        Map<Long, String> undeliveredReason = new HashMap<>();
        of(senderLog, Event.Undelivered.class).stream().filter(u -> u.to().equals("machine_3"))
                .forEach(u -> undeliveredReason.put(u.seq(), u.reason()));
        List<Long> received = of(oldLife, Event.Receive.class).stream().filter(r -> r.from().equals(sender))
                .map(Event.Receive::seq).filter(sentOnLastConnection::contains).sorted().toList();
        int inDoubt = 0;
        for (long seq : received) {
            String reason = undeliveredReason.get(seq);
            if (reason == null) {
                assertEquals(0, inDoubt, sender + ": seq " + seq + " was acknowledged after an earlier seq of the old life's was not");
                continue;
            }
            assertEquals("unacknowledged", reason, sender + "'s message " + seq + " to machine_3 was both received and logged undelivered");
            inDoubt++;
        }
        return inDoubt;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static void signal(String sig, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    /**
     * machine_1 and machine_3 are killed, then machine_3 restarts while machine_1 stays down. The new life cannot
     * connect to every peer, so it must not wait for them all as a first life does: within the restart wait (3 s) it
     * ticks with machine_2, hears from it, and logs its sends to machine_1 undelivered. Before, it never ticked.
     */
    @Test
    void aMachineRestartedWhileAnotherPeerIsDownTicksWithTheOnesThatAreUp() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "\"ticksPerSecond\":" + RATE + ",\"die\":4,\"duration\":0");
        VmProcess m1 = start("machine_1", "machine_1");
        VmProcess m2 = start("machine_2", "machine_2");
        VmProcess m3 = start("machine_3", "machine_3");
        await().atMost(Duration.ofSeconds(40)).until(() -> count(log("machine_3"), Event.Send.class) >= 3);
        for (VmProcess p : List.of(m1, m3)) {
            p.process.destroyForcibly(); // SIGKILL
            p.process.waitFor();
        }
        long oldIncarnation = ((Event.Start) events(log("machine_3")).get(0)).incarnation();
        VmProcess again = start("machine_3-again", "machine_3");
        // the new life moves the killed one's log aside before it makes its own: for a moment there is none
        await().atMost(Duration.ofSeconds(30)).ignoreException(NoSuchFileException.class).until(() -> {
            List<Event> life = events(log("machine_3"));
            return !life.isEmpty() && ((Event.Start) life.get(0)).incarnation() != oldIncarnation
                    && of(life, Event.TickEvent.class).size() >= 10
                    && life.stream().anyMatch(e -> e instanceof Event.Undelivered u && u.to().equals("machine_1"))
                    && life.stream().anyMatch(e -> e instanceof Event.Receive r && r.from().equals("machine_2"));
        });
        stopAll(List.of(m2, again));
    }

    @Test
    void sigstopForSecondsOthersKeepTickingDeclareItDownAndNothingSentToItIsCountedTwice() throws Exception {
        List<String> ids = Ports.writeConfig(dir.resolve("config.json"), 3,
                "\"ticksPerSecond\":" + RATE + ",\"die\":4,\"duration\":0");
        VmProcess m1 = start("machine_1", "machine_1");
        VmProcess m2 = start("machine_2", "machine_2");
        VmProcess m3 = start("machine_3", "machine_3");
        await().atMost(Duration.ofSeconds(40)).until(() -> count(log("machine_3"), Event.Receive.class) >= 3);
        long rssBefore = rssKb(m1.process.pid()) + rssKb(m2.process.pid());

        long stallsBefore = count(log("machine_3"), Event.Stall.class); // a loaded host may have stalled it already
        Map<String, Long> upsBefore = new HashMap<>();
        for (String survivor : List.of("machine_1", "machine_2")) {
            upsBefore.put(survivor, peerEvents(log(survivor), Event.PeerUp.class, "machine_3"));
        }
        long pausedAt = System.currentTimeMillis() * 1000;
        signal("STOP", m3.process.pid());
        long pauseSignalled = System.currentTimeMillis() * 1000; // starting kill(1) can take a while on a loaded host
        long ticksAtPause = count(log("machine_1"), Event.TickEvent.class);
        try {
            // paused for 4 s of the survivor's ticks
            await().atMost(Duration.ofSeconds(15)).until(() -> count(log("machine_1"), Event.TickEvent.class) >= ticksAtPause + 4 * RATE);
        } finally {
            signal("CONT", m3.process.pid());
        }
        long resumedAt = System.currentTimeMillis() * 1000;
        long rssAfter = rssKb(m1.process.pid()) + rssKb(m2.process.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(log("machine_3"), Event.Stall.class) > stallsBefore);
        for (String survivor : List.of("machine_1", "machine_2")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> peerEvents(log(survivor), Event.PeerUp.class, "machine_3")
                    > upsBefore.get(survivor));
        }
        stopAll(List.of(m1, m2, m3));

        long worstGap = 0;
        long worstDetection = 0;
        List<Event> paused = EventLogReader.readAll(log("machine_3"));
        Set<String> takenByPaused = new HashSet<>();
        of(paused, Event.Receive.class).forEach(r -> takenByPaused.add(r.from() + "#" + r.seq()));
        int reported = 0;
        int inDoubt = 0;
        for (String survivor : List.of("machine_1", "machine_2")) {
            List<Event> ev = EventLogReader.readAll(log(survivor));
            long gap = maxTickGapMicros(ev);
            worstGap = Math.max(worstGap, gap);
            assertNoUnloggedFreeze(ev, survivor);
            // a paused peer is silent: its heartbeats stop, and 1.5 s (T) after the last frame that came from it
            // (which may precede the pause: on a loaded host by more than an interval) it is down; the check runs
            // every 250 ms, so by T + 250 ms after the signal (a second more for a loaded host's scheduling), and never
            // before the pause
            long down = ev.stream().filter(e -> e instanceof Event.PeerDown d && d.peer().equals("machine_3")
                    && d.wallMicros() > pausedAt).findFirst().orElseThrow().wallMicros();
            assertTrue(down - pauseSignalled <= 1_750_000 + 1_000_000 && down < resumedAt,
                    survivor + ": down " + (down - pausedAt) / 1000 + " ms into the pause");
            worstDetection = Math.max(worstDetection, down - pausedAt);
            // what it sent to the paused machine that was not acknowledged is logged undelivered. A message can be
            // in doubt: the paused machine had taken and processed it, but its receive line was not yet in the file
            // when the pause froze it, so no Ack left (acknowledgements wait for the log); resumed, it wrote the line.
            // Such a message is in both logs, as "unacknowledged": reported once by the analyzer, never lost.
            // Any other reason, or a message it took after being declared down, is a fault.
            for (Event.Undelivered u : of(ev, Event.Undelivered.class)) {
                if (u.to().equals("machine_3")) {
                    reported++;
                    if (takenByPaused.contains(survivor + "#" + u.seq())) {
                        assertEquals("unacknowledged", u.reason(), survivor + "'s message " + u.seq()
                                + " to machine_3 was both received and logged undelivered");
                        inDoubt++;
                    }
                }
            }
        }
        Event.Stall stall = of(paused, Event.Stall.class).stream().max(java.util.Comparator.comparingLong(Event.Stall::missedTicks))
                .orElseThrow(); // the pause's: any other is a loaded host's short one
        assertTrue(stall.missedTicks() >= 3 * RATE, "missed " + stall.missedTicks());
        assertTrue(rssAfter - rssBefore < 32 * 1024, "survivors' RSS grew by " + (rssAfter - rssBefore) + " KiB");
        LogInvariants inv = LogInvariants.check(dir.resolve("output_files"), ids);
        System.out.printf("CrashIT SIGSTOP: survivors' max tick gap %d ms; machine_3 declared down %d ms into the "
                + "pause; paused machine skipped %d ticks; %d sends to it logged undelivered, %d of them in doubt "
                + "(also received); survivors' RSS %+d KiB; %d messages matched%n", worstGap / 1000,
                worstDetection / 1000, stall.missedTicks(), reported, inDoubt, rssAfter - rssBefore, inv.matchedMessages);
        FaultTally.add("process SIGSTOP/SIGCONT", 1);
    }

    /**
     * Issue 13: ten kill -9 and restarts of machine_3 in a row under traffic. The survivors never stop ticking;
     * every send in any log has an outcome in some log (received, undelivered, unprocessed), but for machine_3's own
     * last sends before a kill, which it could not report; and across all eleven lives machine_3's clocks never go
     * back (every life resumes its previous one's).
     */
    @Test
    void tenKillsAndRestartsInARowLoseNoMessageAndClocksSurviveEveryLife() throws Exception {
        Ports.writeConfig(dir.resolve("config.json"), 3, "\"ticksPerSecond\":" + RATE + ",\"die\":4,\"duration\":0");
        VmProcess m1 = start("machine_1", "machine_1");
        VmProcess m2 = start("machine_2", "machine_2");
        VmProcess victim = start("machine_3-0", "machine_3");
        List<Long> killMicros = new ArrayList<>();
        long[] killedIncarnation = {-1};
        for (int cycle = 1; cycle <= 11; cycle++) {
            int life = cycle;
            // this life (not a killed one whose log is still in place) is connected and has sent something; while the
            // new life moves the killed one's log into previous/ there is for a moment no machine_3.log
            await().atMost(Duration.ofSeconds(40)).ignoreException(NoSuchFileException.class).until(() -> {
                List<Event> ev = events(log("machine_3"));
                if (ev.isEmpty() || ((Event.Start) ev.get(0)).incarnation() <= killedIncarnation[0]
                        || ev.stream().noneMatch(e -> e instanceof Event.Send)) {
                    return false;
                }
                for (String p : List.of("machine_1", "machine_2")) {
                    if (peerEvents(log(p), Event.PeerUp.class, "machine_3") < life) {
                        return false;
                    }
                }
                return true;
            });
            if (cycle == 11) {
                break; // the eleventh life lives on
            }
            killedIncarnation[0] = ((Event.Start) events(log("machine_3")).get(0)).incarnation();
            killMicros.add(System.currentTimeMillis() * 1000);
            victim.process.destroyForcibly().waitFor();
            for (String survivor : List.of("machine_1", "machine_2")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> peerEvents(log(survivor), Event.PeerDown.class, "machine_3") >= life);
            }
            // no network warm-up for the restarts: ten of them would spend 4 s warming a JIT
            victim = processes.add(VmProcess.startWith(VmProcess.jar(), dir, "machine_3-" + cycle,
                    List.of("-Dclockscope.warmUpMessages=0"), "--machine-id", "machine_3"));
        }
        stopAll(List.of(m1, m2, victim));

        List<List<Event>> lives = new ArrayList<>();
        try (Stream<Path> previous = Files.list(dir.resolve("output_files/previous"))) {
            for (Path p : previous.filter(f -> f.getFileName().toString().startsWith("machine_3-")).sorted().toList()) {
                lives.add(EventLogReader.readAll(p));
            }
        }
        lives.add(EventLogReader.readAll(log("machine_3")));
        assertEquals(11, lives.size(), "eleven lives of machine_3");

        // clocks across lives: Lamport and the own vector entry only go up, from the first life to the last
        long lamport = 0;
        long own = 0;
        for (int l = 0; l < lives.size(); l++) {
            if (l > 0) {
                assertTrue(((Event.Start) lives.get(l).get(0)).resumed(), "life " + (l + 1) + " resumed its clocks");
            }
            for (Event.TickEvent t : of(lives.get(l), Event.TickEvent.class)) {
                assertTrue(t.lamport() > lamport, "life " + (l + 1) + " tick " + t.tick() + ": Lamport " + t.lamport()
                        + " after " + lamport);
                assertTrue(t.vector().get(2) > own, "life " + (l + 1) + " tick " + t.tick() + ": own entry "
                        + t.vector().get(2) + " after " + own);
                lamport = t.lamport();
                own = t.vector().get(2);
            }
        }

        // the survivors never stopped ticking
        for (String survivor : List.of("machine_1", "machine_2")) {
            List<Event> ev = EventLogReader.readAll(log(survivor));
            assertNothingMissingAfterCleanStop(ev, survivor);
            assertNoUnloggedFreeze(ev, survivor);
        }

        // every send has an outcome in some log
        Map<String, List<List<Event>>> all = new java.util.HashMap<>();
        all.put("machine_1", List.of(EventLogReader.readAll(log("machine_1"))));
        all.put("machine_2", List.of(EventLogReader.readAll(log("machine_2"))));
        all.put("machine_3", lives);
        Set<String> outcomes = new HashSet<>();
        for (Map.Entry<String, List<List<Event>>> m : all.entrySet()) {
            for (List<Event> life : m.getValue()) {
                long inc = ((Event.Start) life.get(0)).incarnation();
                for (Event e : life) {
                    if (e instanceof Event.Receive r) {
                        outcomes.add(r.from() + "@" + r.fromIncarnation() + "#" + r.seq() + ">" + m.getKey());
                    } else if (e instanceof Event.Undelivered u) {
                        outcomes.add(m.getKey() + "@" + inc + "#" + u.seq() + ">" + u.to());
                    } else if (e instanceof Event.Unprocessed u) {
                        for (String range : u.seqs().split(",")) {
                            int dash = range.indexOf('-');
                            long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                            long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
                            for (long q = from; q <= to; q++) {
                                outcomes.add(u.from() + "@" + u.fromIncarnation() + "#" + q + ">" + m.getKey());
                            }
                        }
                    }
                }
            }
        }
        int sends = 0;
        int victimsLastWords = 0;
        for (Map.Entry<String, List<List<Event>>> m : all.entrySet()) {
            for (List<Event> life : m.getValue()) {
                long inc = ((Event.Start) life.get(0)).incarnation();
                long lifeEnd = life.get(life.size() - 1).wallMicros();
                for (Event.Send s : of(life, Event.Send.class)) {
                    for (String to : s.to()) {
                        sends++;
                        if (outcomes.contains(m.getKey() + "@" + inc + "#" + s.seq() + ">" + to)) {
                            continue;
                        }
                        // a killed life cannot report what it sent in its last moments: only those may lack an outcome
                        boolean lastWords = m.getKey().equals("machine_3") && !(life.get(life.size() - 1) instanceof Event.Stop)
                                && s.wallMicros() > lifeEnd - 200_000;
                        assertTrue(lastWords, m.getKey() + " life " + inc + " seq " + s.seq() + " to " + to + " at "
                                + s.wallMicros() + " is in no log as received, undelivered or unprocessed");
                        victimsLastWords++;
                    }
                }
            }
        }
        System.out.printf("CrashIT 10 cycles: %d sends, %d in no log but the killed machine's last words (%d), "
                + "kills at %s%n", sends, 0, victimsLastWords, killMicros.size());
        FaultTally.add("process kill -9 and restart", 10);
    }
}
