package dev.clockscope.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Jackson's notes about its source are cut from a reason, the reason itself is kept whole. */
class JsonErrorsTest {
    @Test
    void sourceNotesAreCutEvenWithParenthesesInside() {
        assertEquals("Unexpected end-of-input: expected close marker for Array", JsonErrors.reason(
                "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED"
                        + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 13])"));
        assertEquals("Unexpected close marker '}': expected ']'", JsonErrors.reason(
                "Unexpected close marker '}': expected ']' (for Array starting at [Source: REDACTED"
                        + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 11])\n"));
        assertEquals("Unrecognized token 'abc': was expecting (JSON String, Number, Array, Object or token 'null',"
                + " 'true' or 'false')", JsonErrors.reason("Unrecognized token 'abc': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false')"));
    }
}
