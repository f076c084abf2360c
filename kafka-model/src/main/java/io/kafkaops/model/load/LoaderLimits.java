package io.kafkaops.model.load;

/**
 * Bounds that keep a malformed or hostile file from exhausting memory or stack: the loader reports a diagnostic
 * instead. The defaults are far above what a real entity file or platform definition needs.
 *
 * @param maxFileBytes      largest file read, in bytes
 * @param maxDepth          deepest nesting of maps and lists (an entity file needs about 7)
 * @param maxAliasExpansion most nodes aliases may add to one document when expanded ("billion laughs" guard)
 * @param maxLineLength     longest line, in characters: snakeyaml scans a long single-line token in quadratic time
 *                          (a 4 MB one-line scalar takes over ten seconds), multi-line values are not affected
 */
public record LoaderLimits(long maxFileBytes, int maxDepth, long maxAliasExpansion, int maxLineLength) {

    public static final LoaderLimits DEFAULTS = new LoaderLimits(5L * 1024 * 1024, 100, 1_000_000, 64 * 1024);

    public LoaderLimits {
        if (maxFileBytes < 1 || maxDepth < 1 || maxAliasExpansion < 0 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxFileBytes + ", " + maxDepth + ", "
                    + maxAliasExpansion + ", " + maxLineLength);
        }
    }
}
