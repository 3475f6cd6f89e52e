package dev.clockscope.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control lines a machine will read from the runner's pipe: every kind round-trips, anything else is refused. */
class LinkControlTest {
    private static final List<String> PEERS = List.of("machine_2", "machine_3");

    @Test
    void everyKindReadsBackWhatItWrites() throws Exception {
        for (LinkControl c : List.of(new LinkControl(LinkControl.Kind.CUT, "machine_2", 0, 0),
                new LinkControl(LinkControl.Kind.HEAL, "machine_3", 0, 0),
                new LinkControl(LinkControl.Kind.DELAY, "machine_2", 50, 0),
                new LinkControl(LinkControl.Kind.LOSS, "machine_3", 0, 0.25))) {
            assertEquals(c, LinkControl.parse(c.format(), PEERS), c.format());
        }
        assertEquals("{\"control\":\"delay\",\"to\":\"machine_2\",\"delayMillis\":50}",
                new LinkControl(LinkControl.Kind.DELAY, "machine_2", 50, 0).format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|control line is not JSON",
        "[]|control line is not a JSON object",
        "{'control':'cut','to':'machine_2','why':1}|unknown field \"why\"",
        "{'control':'melt','to':'machine_2'}|control: \"melt\" is not cut, heal, delay or loss",
        "{'to':'machine_2'}|control: missing",
        "{'control':'cut','to':'machine_1'}|to: \"machine_1\" is not a peer of this machine",
        "{'control':'cut'}|to: missing",
        "{'control':'delay','to':'machine_2'}|delayMillis: missing",
        "{'control':'delay','to':'machine_2','delayMillis':-1}|delayMillis: -1 is not 0..60000",
        "{'control':'delay','to':'machine_2','delayMillis':60001}|delayMillis: 60001 is not 0..60000",
        "{'control':'loss','to':'machine_2','probability':1.5}|probability: 1.5 is not 0..1",
        "{'control':'loss','to':'machine_2','probability':'half'}|probability: \"half\" is not 0..1",
        "{'control':'cut','to':'machine_2','delayMillis':5}|delayMillis: only with \"delay\"",
        "{'control':'heal','to':'machine_2','probability':0.1}|probability: only with \"loss\""})
    void aBadLineIsRefusedNamingTheField(String line, String expected) {
        LinkControl.Invalid e = assertThrows(LinkControl.Invalid.class, () -> LinkControl.parse(line.replace('\'', '"'), PEERS));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
