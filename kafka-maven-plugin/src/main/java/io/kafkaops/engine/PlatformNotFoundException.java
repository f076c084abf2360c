package io.kafkaops.engine;

/** The configured platform definition cannot be found. Carries a hint on how to fix the configuration. */
public class PlatformNotFoundException extends Exception {

    private final String hint;

    public PlatformNotFoundException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
