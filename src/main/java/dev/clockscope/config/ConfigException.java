package dev.clockscope.config;

/** Invalid configuration or arguments. The message is one line that names the field and the bad value. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
