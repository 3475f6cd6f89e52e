package dev.clockscope.web;

/**
 * A control from the page, validated ({@link ControlRequests#parse}). Machine actions name {@code machine};
 * link actions name {@code from} (the machine whose outgoing link changes) and {@code to}.
 * {@code delayMillis} is set for "delay", {@code lossProbability} for "loss"; unused fields are null.
 */
public record ControlRequest(long id, Action action, String machine, String from, String to, Integer delayMillis,
                             Double lossProbability) {
    public enum Action {
        PAUSE("pause", false), RESUME("resume", false), KILL("kill", false), RESTART("restart", false),
        CUT("cut", true), HEAL("heal", true), DELAY("delay", true), LOSS("loss", true);

        public final String word;
        public final boolean link;

        Action(String word, boolean link) {
            this.word = word;
            this.link = link;
        }
    }

    /** The machine whose process the control reaches. */
    public String target() {
        return action.link ? from : machine;
    }

    /** "pause machine_2", "delay machine_1 -> machine_2 50 ms". */
    public String describe() {
        if (!action.link) {
            return action.word + " " + machine;
        }
        String what = action.word + " " + from + " -> " + to;
        if (delayMillis != null) {
            what += " " + delayMillis + " ms";
        }
        if (lossProbability != null) {
            what += " p=" + lossProbability;
        }
        return what;
    }
}
