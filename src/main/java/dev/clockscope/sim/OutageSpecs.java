package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import dev.clockscope.config.DurationText;
import dev.clockscope.node.MachineIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --crash} and {@code --pause} windows as given ({@code ID@FROM..TO}), for a simulation or a replay's what-if. */
final class OutageSpecs {
    private static final Pattern OUTAGE = Pattern.compile("([^@]+)@(.+?)(?:\\.\\.(.+))?");

    /** The parsed windows, crashes and pauses, in the order given. */
    record Windows(List<Outage> crashes, List<Outage> pauses) {
    }

    private OutageSpecs() {
    }

    /** Both options' windows in a run of {@code d}, refused if two of one machine overlap or touch. */
    static Windows parse(List<String> crashSpecs, List<String> pauseSpecs, MachineIds ids, Duration d)
            throws ConfigException {
        Windows w = new Windows(parse(crashSpecs, "--crash", ids, d, true), parse(pauseSpecs, "--pause", ids, d, false));
        refuseOverlaps(crashSpecs, w.crashes(), pauseSpecs, w.pauses());
        return w;
    }

    /**
     * The windows of {@code specs} (option {@code what}) in a run of {@code d}: a crash may leave out TO (it never
     * comes back), a pause may not.
     */
    private static List<Outage> parse(List<String> specs, String what, MachineIds ids, Duration d, boolean crash)
            throws ConfigException {
        List<Outage> out = new ArrayList<>();
        for (String spec : specs) {
            Matcher m = OUTAGE.matcher(spec);
            if (!m.matches() || (!crash && m.group(3) == null)) {
                throw new ConfigException(what + ": \"" + spec + "\" is not ID@FROM.." + (crash ? "TO or ID@FROM" : "TO")
                        + " (e.g. machine_2@10s..15s)");
            }
            int machine = ids.indexOf(m.group(1));
            if (machine < 0) {
                throw new ConfigException(what + ": \"" + m.group(1) + "\" is not a machine of this run");
            }
            long from = DurationText.parse(m.group(2), what).toNanos();
            long to = m.group(3) == null ? Long.MAX_VALUE : DurationText.parse(m.group(3), what).toNanos();
            if (to <= from) {
                throw new ConfigException(what + ": \"" + spec + "\" ends before it starts");
            }
            if (from >= d.toNanos()) {
                throw new ConfigException(what + ": \"" + spec + "\" does not start before the run's end ("
                        + DurationText.format(d) + ")");
            }
            out.add(new Outage(machine, from, to));
        }
        return out;
    }

    /**
     * Refuses two windows of one machine that overlap or touch, crash or pause alike ({@code crashes[i]} is
     * the outage of {@code crashSpecs[i]}, as {@link #parse} returns them). The simulator acts on a window's
     * start and end only in the state it expects (a crash of a dead machine, a pause of a dead or paused one,
     * a resume of one that is not paused do nothing), so a second window inside the first was half ignored:
     * {@code m@1s..3s} and {@code m@2s..6s} restarted m at 3 s and it ticked through 3-6 s. Windows that
     * touch (one ends at the nanosecond the next starts) are refused too: which runs first there is the
     * order in which they were given.
     */
    private static void refuseOverlaps(List<String> crashSpecs, List<Outage> crashes, List<String> pauseSpecs,
            List<Outage> pauses) throws ConfigException {
        List<Outage> all = new ArrayList<>(crashes);
        all.addAll(pauses);
        for (int j = 1; j < all.size(); j++) {
            Outage later = all.get(j);
            for (int i = 0; i < j; i++) {
                Outage earlier = all.get(i);
                if (earlier.machine() == later.machine() && earlier.fromNanos() <= later.toNanos()
                        && later.fromNanos() <= earlier.toNanos()) {
                    String[] l = outageText(j, crashSpecs, pauseSpecs);
                    String[] e = outageText(i, crashSpecs, pauseSpecs);
                    throw new ConfigException(l[0] + ": \"" + l[1] + "\" overlaps " + e[0] + " \"" + e[1]
                            + "\" (a machine's crash and pause windows must neither overlap nor touch)");
                }
            }
        }
    }

    /** The {@code k}-th window of crashes then pauses: its option and its text as given. */
    private static String[] outageText(int k, List<String> crashSpecs, List<String> pauseSpecs) {
        return k < crashSpecs.size() ? new String[] {"--crash", crashSpecs.get(k)}
                : new String[] {"--pause", pauseSpecs.get(k - crashSpecs.size())};
    }
}
