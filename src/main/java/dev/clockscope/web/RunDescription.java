package dev.clockscope.web;

import java.util.List;

/**
 * What the page is showing: a title, how the data arrives ({@code live}: a cluster run by this process;
 * {@code follow}: logs growing on disk; {@code finished}: a run read once; {@code simulation}: a producer in
 * this JVM), the machines known up front in config order (more may be learned from the logs), and whether
 * the page may send controls.
 */
public record RunDescription(String title, String mode, List<String> machines, boolean controls) {
    public RunDescription {
        machines = List.copyOf(machines);
    }
}
