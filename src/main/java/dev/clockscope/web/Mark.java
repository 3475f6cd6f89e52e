package dev.clockscope.web;

/** A control the page applied (pause, kill...), drawn on the diagram at the machine's line. */
public record Mark(String action, long wallMicros, String detail) {
}
