package dev.clockscope.sim;

import dev.clockscope.config.ConfigException;
import dev.clockscope.config.ConfigWriter;
import dev.clockscope.config.Keywords;
import dev.clockscope.config.LinkSettingsParser;
import dev.clockscope.config.MachineList;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.MachineIds;
import dev.clockscope.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated network of a run, from config.json's {@code network} rules and the command line: the links' own
 * delay and silent loss ({@code --link-delay}, {@code --link-loss}, a topology file's latencies, or
 * {@code --net-delay empirical:RUN}), how long a paused machine goes unnoticed (config.json's
 * {@code heartbeatTimeout}), and the injected faults on top ({@code --net-delay}, {@code --net-loss},
 * {@code --net-partition}), as the real cluster's fault injection has them.
 */
final class NetworkChoice {
    /** The links and the faults; {@code linksText} says where the links' delay came from (for the summary). */
    record Network(LinkModel links, NetworkFaults faults, String linksText) {
    }

    /** The command line's options, as given (null or empty: not given). */
    record Options(String netDelay, String netLoss, List<String> netPartitions, String linkDelay, String linkLoss) {
    }

    private NetworkChoice() {
    }

    static Network of(NetworkFaults configured, Duration heartbeatTimeout, Topology topo, String topologyText,
                      MachineIds ids, Options o) throws ConfigException {
        LinkDelays base = LinkDelays.of(LinkDelays.LOOPBACK);
        String baseText = ConfigWriter.delayText(LinkDelays.LOOPBACK);
        if (topo.hasLinkDelays()) {
            base = LinkDelays.perLink(topo, LinkDelays.LOOPBACK);
            baseText = "from " + topologyText + " (others " + baseText + ")";
        }
        refuseMissingMachines(configured, ids);
        NetworkFaults.Rule cli = cliRule(o);
        String netRun = Keywords.after(EmpiricalDelays.KEYWORD, o.netDelay());
        if (netRun != null) {
            if (o.linkDelay() != null) {
                // --link-delay replaced it without a word
                throw new ConfigException("--net-delay: \"" + o.netDelay() + "\" sets the links' own delay, as --link-delay \""
                        + o.linkDelay() + "\" does: give one of them");
            }
            base = EmpiricalDelays.read(Path.of(netRun), "--net-delay");
            baseText = o.netDelay();
        }
        if (o.linkDelay() != null) {
            String linkRun = Keywords.after(EmpiricalDelays.KEYWORD, o.linkDelay());
            base = linkRun != null ? EmpiricalDelays.read(Path.of(linkRun), "--link-delay")
                    : LinkDelays.of(LinkSettingsParser.delay(o.linkDelay(), "--link-delay"));
            baseText = o.linkDelay();
        }
        NetworkFaults faults = cli == null ? configured : configured.plus(cli);
        LinkModel links = new LinkModel(base, o.linkLoss() == null ? 0 : LinkSettingsParser.loss(o.linkLoss(), "--link-loss"),
                heartbeatTimeout);
        return new Network(links, faults, baseText);
    }

    /**
     * Refuses a config.json network rule naming a machine that is not in this run ({@code --machines N} or a
     * topology file gives the run other machines than config.json's): it would match no link and be dropped
     * without a word, as a {@code --clock-skew} naming a missing machine is refused. A rule of "*" only applies
     * to any run.
     */
    private static void refuseMissingMachines(NetworkFaults faults, MachineIds ids) throws ConfigException {
        List<NetworkFaults.Rule> rules = faults.rules();
        for (int i = 0; i < rules.size(); i++) {
            NetworkFaults.Rule r = rules.get(i);
            for (String[] end : new String[][] {{"from", r.from()}, {"to", r.to()}}) {
                if (!NetworkFaults.ANY.equals(end[1]) && ids.indexOf(end[1]) < 0) {
                    throw new ConfigException("network.links[" + i + "]." + end[0] + ": \"" + end[1]
                            + "\" is not a machine of this run (machines: " + MachineList.brief(ids.asList()) + ")");
                }
            }
        }
    }

    /** The command line's injected faults as one rule over every link, or null if it injects none. */
    private static NetworkFaults.Rule cliRule(Options o) throws ConfigException {
        boolean injectedDelay = o.netDelay() != null && Keywords.after(EmpiricalDelays.KEYWORD, o.netDelay()) == null;
        if (!injectedDelay && o.netLoss() == null && o.netPartitions().isEmpty()) {
            return null;
        }
        List<NetworkFaults.Window> windows = new ArrayList<>();
        for (String w : o.netPartitions()) {
            windows.add(LinkSettingsParser.window(w, "--net-partition"));
        }
        return new NetworkFaults.Rule(NetworkFaults.ANY, NetworkFaults.ANY, false,
                injectedDelay ? LinkSettingsParser.delay(o.netDelay(), "--net-delay") : null,
                o.netLoss() == null ? 0 : LinkSettingsParser.loss(o.netLoss(), "--net-loss"), windows);
    }
}
