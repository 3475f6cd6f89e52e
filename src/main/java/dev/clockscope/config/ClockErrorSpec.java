package dev.clockscope.config;

import dev.clockscope.random.RandomSource;
import dev.clockscope.random.SeededRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far off each machine's clock is, in one quantity (an offset in µs, or a drift in parts per billion): a
 * value for named machines ({@code machine_2=+150ms}) and, for the others, a seeded distribution
 * ({@code normal:0,50ms}, {@code uniform:-100ppm..100ppm}) or 0. Each machine draws from a stream of its own
 * (the run's seed, its index and the quantity), so the same seed gives every machine the same clock in the
 * real cluster and in the simulator, and turning skew on changes no dice.
 */
public record ClockErrorSpec(Unit unit, Map<String, Long> perMachine, String distribution, long a, long b) {
    /** The quantity and how it is written. */
    public enum Unit {
        OFFSET("clock skew", "+150ms", 0x736B6577L),
        DRIFT("clock drift", "+200ppm", 0x64726966L);

        final String what;
        final String example;
        final long salt;

        Unit(String what, String example, long salt) {
            this.what = what;
            this.example = example;
            this.salt = salt;
        }
    }

    private static final Pattern PER_MACHINE = Pattern.compile("\\s*([A-Za-z0-9_.-]{1,64})\\s*=\\s*(.+?)\\s*");
    private static final Pattern NORMAL = Keywords.pattern("\\s*normal:(.+),(.+?)\\s*");
    private static final Pattern UNIFORM = Keywords.pattern("\\s*uniform:(.+)\\.\\.(.+?)\\s*");
    private static final Pattern OFFSET = Pattern.compile("\\s*([+-]?\\d{1,12}(?:\\.\\d{1,6})?)\\s*(us|µs|ms|s)?\\s*");
    private static final Pattern DRIFT = Pattern.compile("\\s*([+-]?\\d{1,12}(?:\\.\\d{1,6})?)\\s*(ppm|ppb)?\\s*");

    public ClockErrorSpec {
        perMachine = Map.copyOf(perMachine);
    }

    public static ClockErrorSpec none(Unit unit) {
        return new ClockErrorSpec(unit, Map.of(), null, 0, 0);
    }

    public boolean isNone() {
        return perMachine.values().stream().allMatch(v -> v == 0) && distribution == null;
    }

    /**
     * Parses the texts of one option or config field, each {@code ID=VALUE} or a distribution (at most one);
     * {@code what} names the option or field in errors.
     */
    public static ClockErrorSpec parse(Unit unit, List<String> texts, String what) throws ConfigException {
        Map<String, Long> per = new LinkedHashMap<>();
        String dist = null;
        long a = 0;
        long b = 0;
        for (String text : texts) {
            Matcher m = PER_MACHINE.matcher(text);
            Matcher n = NORMAL.matcher(text);
            Matcher u = UNIFORM.matcher(text);
            if (m.matches()) {
                if (per.put(m.group(1), value(unit, m.group(2), what, text)) != null) {
                    throw new ConfigException(what + ": \"" + m.group(1) + "\" is given twice");
                }
                continue;
            }
            if (dist != null && (n.matches() || u.matches())) {
                throw new ConfigException(what + ": \"" + text + "\": only one distribution, for the machines not named");
            }
            if (n.matches()) {
                dist = "normal";
                a = value(unit, n.group(1), what, text);
                b = value(unit, n.group(2), what, text);
                if (b < 0) {
                    throw new ConfigException(what + ": \"" + text + "\" has a negative standard deviation");
                }
            } else if (u.matches()) {
                dist = "uniform";
                a = value(unit, u.group(1), what, text);
                b = value(unit, u.group(2), what, text);
                if (b < a) {
                    throw new ConfigException(what + ": \"" + text + "\" has its bounds reversed");
                }
            } else {
                throw new ConfigException(what + ": \"" + text + "\" is not ID=" + unit.example + ", normal:MEAN,SD or"
                        + " uniform:MIN..MAX (e.g. " + (unit == Unit.OFFSET ? "normal:0,50ms" : "uniform:-100ppm..100ppm")
                        + ")");
            }
        }
        return new ClockErrorSpec(unit, per, dist, a, b);
    }

    /** One value in the unit's base (µs or ppb), within the limits of a clock. */
    private static long value(Unit unit, String text, String what, String whole) throws ConfigException {
        Matcher m = (unit == Unit.OFFSET ? OFFSET : DRIFT).matcher(text);
        if (!m.matches() || (m.group(2) == null && Double.parseDouble(m.group(1)) != 0)) {
            throw new ConfigException(what + ": \"" + whole + "\": \"" + text.strip() + "\" is not a " + unit.what
                    + " such as " + unit.example + (unit == Unit.OFFSET ? ", -20ms or 1s" : " or -50ppm"));
        }
        String u = m.group(2) == null ? "" : m.group(2);
        double scale = switch (u) {
            case "ms", "ppm" -> 1_000;
            case "s" -> 1_000_000;
            default -> 1; // us, µs, ppb, or a bare 0
        };
        long v = Math.round(Double.parseDouble(m.group(1)) * scale);
        long limit = unit == Unit.OFFSET ? dev.clockscope.time.ClockSkew.MAX_OFFSET_MICROS
                : dev.clockscope.time.ClockSkew.MAX_DRIFT_PPB;
        if (Math.abs(v) > limit) {
            throw new ConfigException(what + ": \"" + whole + "\": " + text.strip() + " is outside ±"
                    + format(unit, limit).substring(1));
        }
        return v;
    }

    /** Fails, naming {@code what}, if a machine named here is not among {@code ids}. */
    public void check(List<String> ids, String what) throws ConfigException {
        for (String id : perMachine.keySet()) {
            if (!ids.contains(id)) {
                throw new ConfigException(what + ": \"" + id + "\" is not a machine of this run (machines: "
                        + MachineList.brief(ids) + ")");
            }
        }
    }

    /** Machine {@code index}'s value (µs or ppb), named or drawn from the run's {@code seed}. */
    public long valueOf(int index, String id, long seed) {
        Long named = perMachine.get(id);
        if (named != null) {
            return named;
        }
        if (distribution == null) {
            return 0;
        }
        RandomSource r = new SeededRandom(SeededRandom.machineSeed(seed, index) ^ unit.salt);
        double v = distribution.equals("uniform") ? a + r.nextDouble() * (b - a) : a + b * gaussian(r);
        long limit = unit == Unit.OFFSET ? dev.clockscope.time.ClockSkew.MAX_OFFSET_MICROS
                : dev.clockscope.time.ClockSkew.MAX_DRIFT_PPB;
        return Math.max(-limit, Math.min(limit, Math.round(v)));
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(RandomSource random) {
        double u = 1 - random.nextDouble(); // (0, 1]: log(u) is finite
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The texts {@link #parse} reads back to this spec. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        perMachine.forEach((id, v) -> out.add(id + "=" + format(unit, v)));
        if (distribution != null) {
            out.add(distribution.equals("normal") ? "normal:" + format(unit, a) + "," + format(unit, b)
                    : "uniform:" + format(unit, a) + ".." + format(unit, b));
        }
        return out;
    }

    /** A value with its sign and the largest unit that keeps it whole: +150ms, -20us, +200ppm, 0. */
    public static String format(Unit unit, long v) {
        if (v == 0) {
            return "0";
        }
        String sign = v > 0 ? "+" : "-";
        long abs = Math.abs(v);
        if (unit == Unit.OFFSET) {
            return sign + (abs % 1_000_000 == 0 ? abs / 1_000_000 + "s" : abs % 1_000 == 0 ? abs / 1_000 + "ms" : abs + "us");
        }
        return sign + (abs % 1_000 == 0 ? abs / 1_000 + "ppm" : abs + "ppb");
    }
}
