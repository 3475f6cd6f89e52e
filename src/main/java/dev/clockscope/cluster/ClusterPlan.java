package dev.clockscope.cluster;

import dev.clockscope.config.ClusterConfig;
import dev.clockscope.config.ConfigException;
import dev.clockscope.config.MachineSpec;
import dev.clockscope.config.RateRange;
import dev.clockscope.config.RunSeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the cluster runner will do: {@code runs} runs of {@code config} (its duration, rates and die), run
 * i (from 0) with seed {@code baseSeed + i}.
 */
public record ClusterPlan(String name, int runs, ClusterConfig config, long baseSeed) {

    public ClusterConfig configForRun(int i) {
        return config.withSeed(baseSeed + i);
    }

    public static Builder from(ClusterConfig base) {
        return new Builder(base);
    }

    /** Applies presets first, then explicit options, so options always win. */
    public static final class Builder implements Preset.Knobs {
        private final ClusterConfig base;
        private String name;
        private int runs = 1;
        private Duration duration;
        private RateRange rates;
        private Integer die;
        private Integer machineCount;
        private Long seed;
        private List<Integer> fixedRates;

        Builder(ClusterConfig base) {
            this.base = base;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        @Override
        public Builder runs(int n) {
            this.runs = n;
            return this;
        }

        @Override
        public Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        @Override
        public Builder rates(RateRange r) {
            this.rates = r;
            return this;
        }

        @Override
        public Builder die(int sides) {
            this.die = sides;
            return this;
        }

        /** Run N machines on the first machine's host, on consecutive ports from its port. */
        public Builder machineCount(int n) {
            this.machineCount = n;
            return this;
        }

        /** A fixed tick rate per machine, in config order (instead of drawing from the range). */
        public Builder fixedRates(List<Integer> ratesPerMachine) {
            this.fixedRates = List.copyOf(ratesPerMachine);
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder preset(Preset p) {
            p.apply(this);
            return this;
        }

        public ClusterPlan build(long randomSeed) throws ConfigException {
            if (runs < 1) {
                throw new ConfigException("--runs: " + runs + " must be at least 1");
            }
            ClusterConfig c = base;
            if (machineCount != null) {
                if (machineCount < 2 || machineCount > 1000) {
                    throw new ConfigException("--machines: " + machineCount + " is outside 2..1000");
                }
                MachineSpec first = base.machines().get(0);
                if (first.port() + machineCount - 1 > 65535) {
                    throw new ConfigException("--machines: " + machineCount + " machines from port " + first.port()
                            + " exceed port 65535");
                }
                List<MachineSpec> ms = new ArrayList<>();
                for (int i = 0; i < machineCount; i++) {
                    ms.add(new MachineSpec("machine_" + (i + 1), first.host(), first.port() + i));
                }
                c = c.withMachines(ms);
            }
            if (rates != null) {
                c = c.withTicksPerSecond(rates);
            }
            if (fixedRates != null) {
                if (fixedRates.size() != c.machines().size()) {
                    throw new ConfigException("--rates: " + fixedRates.size() + " rates for " + c.machines().size()
                            + " machines");
                }
                List<MachineSpec> ms = new ArrayList<>();
                for (int i = 0; i < fixedRates.size(); i++) {
                    int r = fixedRates.get(i);
                    if (r < 1 || r > RateRange.MAX_TICKS_PER_SECOND) {
                        throw new ConfigException("--rates: " + r + " is outside 1.." + RateRange.MAX_TICKS_PER_SECOND);
                    }
                    ms.add(c.machines().get(i).withTicksPerSecond(OptionalInt.of(r)));
                }
                c = c.withMachines(ms);
            }
            if (die != null) {
                c = c.withDie(die);
            }
            if (duration != null) {
                c = c.withDuration(duration);
            }
            if (c.duration().isZero()) {
                throw new ConfigException("--duration: 0 (until stopped) makes no sense for a cluster run; give a duration");
            }
            c.clocks().check(c.machineIds()); // --machines may have renamed the machines a skew names
            long s = seed != null ? seed : c.seed().orElse(randomSeed);
            RunSeeds.refuseOverflow(s, runs);
            return new ClusterPlan(name == null ? "cluster" : name, runs, c, s);
        }
    }
}
