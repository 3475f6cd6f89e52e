package dev.clockscope.analysis.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
