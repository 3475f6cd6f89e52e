package dev.clockscope.analysis.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.analysis.Distribution;
import org.junit.jupiter.api.Test;

class ScaleSummaryTest {
    /** The summary once said "(Lamport 8 + vector)" for a run that carried Lamport and a 12-byte HLC only. */
    @Test
    void theClockBytesLineNamesTheClocksTheRunCarries() {
        assertEquals("Lamport 8", ScaleSummary.clockBytesParts("lamport"));
        assertEquals("Lamport 8 + HLC 12", ScaleSummary.clockBytesParts("lamport,hlc"));
        assertEquals("Lamport 8 + vector 8 per machine + HLC 12", ScaleSummary.clockBytesParts("lamport,vector,hlc"));
        assertEquals("Lamport 8 + sparse vector", ScaleSummary.clockBytesParts("lamport,vector:sparse"));
    }

    /** The mean of a queue wait in µs once read "mean 2545489.51  median 275,455": ungrouped beside grouped numbers. */
    @Test
    void aDistributionsMeanIsGroupedLikeItsOtherNumbers() {
        Distribution waits = new Distribution(9_793_666, 0, 2_545_489.514, 275_455, 0, 29_163_519, 48_274_737);
        assertEquals("wait in queue (µs)         count 9,793,666  mean 2,545,489.51  median 275,455  p99 29,163,519"
                + "  max 48,274,737", ScaleSummary.distributionLine("wait in queue (µs)", waits));
    }
}
