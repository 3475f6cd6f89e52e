package dev.clockscope.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HugePagesTipTest {
    @Test
    void onlyAMillionMachinesOnAKernelThatGivesHugePagesOnRequestToAJvmThatDoesNotAsk() {
        String tip = HugePagesTip.tip(1_000_000, "always [madvise] never\n", false);
        assertTrue(tip != null && tip.startsWith("tip: ") && tip.contains("-XX:+UseTransparentHugePages"), tip);
        assertTrue(HugePagesTip.tip(500_000, "always [madvise] never\n", false) != null);
        assertNull(HugePagesTip.tip(499_999, "always [madvise] never\n", false), "too few machines to matter");
        assertNull(HugePagesTip.tip(1_000_000, "always [madvise] never\n", true), "the JVM asks already");
        assertNull(HugePagesTip.tip(1_000_000, "[always] madvise never\n", false), "every JVM gets them");
        assertNull(HugePagesTip.tip(1_000_000, "always madvise [never]\n", false), "nobody gets them");
    }

    @Test
    void aSmallRunReadsNothing() {
        assertNull(HugePagesTip.forThisJvm(3));
    }
}
