package io.kafkaops.engine.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The arbitration of claims on deterministic interleavings of deploys' writes in one log: exactly one winner per key,
 * the same one for every deploy, and after the losers' corrections the last record of the key is the winner's most
 * advanced one.
 */
class ClaimArbitrationTest {

    private static final String KEY = "topic:test.billing.invoices.v1";

    /** The log: records appended in order, offsets from 0. */
    private final List<LogEntry> log = new ArrayList<>();

    private long append(String key, String value) {
        long offset = log.size();
        log.add(new LogEntry(0, offset, key, value));
        return offset;
    }

    private static String claim(String repository) {
        return Ownership.toJson(record(repository, null));
    }

    private static String fin(String repository) {
        return Ownership.toJson(record(repository, "hash-" + repository));
    }

    private static OwnershipRecord record(String repository, String specHash) {
        return new OwnershipRecord(repository, "billing", "test", "topic", "test.billing.invoices.v1",
                "billing.invoices.v1", specHash, "2026-01-01T00:00:00Z", "private", List.of(), false);
    }

    private List<LogEntry> from(long start) {
        return log.subList((int) start, log.size());
    }

    private String last(String key) {
        String v = null;
        for (LogEntry e : log) {
            if (e.key().equals(key)) v = e.value();
        }
        return v;
    }

    @Test
    void theFirstClaimAfterTheReadWinsWhateverEachDeployRead() {
        append("topic:other", fin("c"));
        long readA = log.size();
        long readB = log.size();
        long a = append(KEY, claim("a"));
        long b = append(KEY, claim("b"));

        assertThat(ClaimArbitration.lost(from(readA), "a", Map.of(KEY, a))).isEmpty();
        assertThat(ClaimArbitration.lost(from(readB), "b", Map.of(KEY, b)))
                .hasEntrySatisfying(KEY, w -> assertThat(w.repository()).isEqualTo("a"));
    }

    @Test
    void aDeployThatReadLaterStillLosesToAClaimWrittenBeforeItsOwn() {
        long readB = log.size();
        long a = append(KEY, claim("a"));
        // A finished before B claimed: B's plan read ended before A's claim, so B claimed and must lose
        append(KEY, fin("a"));
        long b = append(KEY, claim("b"));

        assertThat(ClaimArbitration.lost(from(readB), "b", Map.of(KEY, b)))
                .hasEntrySatisfying(KEY, w -> assertThat(w.repository()).isEqualTo("a"));
        assertThat(ClaimArbitration.lost(from(0), "a", Map.of(KEY, a))).isEmpty();
    }

    @Test
    void theLoserWritesBackTheWinnersMostAdvancedRecordNeverAStaleClaim() {
        long read = log.size();
        append(KEY, claim("a"));
        append(KEY, claim("b"));
        append(KEY, fin("a"));
        // a third deploy's claim came last: B's write-back must be A's final record, not A's claim
        append(KEY, claim("c"));

        Map<String, String> fix = ClaimArbitration.corrections(from(read), "b", Set.of(KEY));
        assertThat(fix).containsEntry(KEY, fin("a"));
    }

    @Test
    void aStaleCopyLandingAfterTheWinnersFinalRecordIsCorrectedInTheNextRound() {
        long read = log.size();
        append(KEY, claim("a"));
        append(KEY, claim("b"));
        append(KEY, fin("a"));
        append(KEY, claim("a")); // C's write-back of A's claim, decided before it saw A's final record

        assertThat(ClaimArbitration.corrections(from(read), "b", Set.of(KEY))).containsEntry(KEY, fin("a"));
        append(KEY, fin("a"));
        assertThat(ClaimArbitration.corrections(from(read), "b", Set.of(KEY))).isEmpty();
    }

    @Test
    void nothingIsWrittenWhenTheLastRecordIsAlreadyTheWinners() {
        long read = log.size();
        append(KEY, claim("a"));
        append(KEY, claim("b"));
        append(KEY, fin("a"));
        append(KEY, fin("a"));

        assertThat(ClaimArbitration.corrections(from(read), "b", Set.of(KEY))).isEmpty();
    }

    @Test
    void aClaimWithdrawnBecauseWhatItNeedsWasLostBecomesATombstone() {
        String acl = "acl:User:test.billing-a|TOPIC|test.billing.invoices.v1|LITERAL|WRITE|ALLOW|*";
        long read = log.size();
        append(acl, claim("b"));

        assertThat(ClaimArbitration.corrections(from(read), "b", Set.of(acl))).containsEntry(acl, null);
    }

    @Test
    void aKeyGivenUpByItsHolderIsFreeForTheNextClaim() {
        long read = log.size();
        append(KEY, claim("a"));
        append(KEY, null); // A deleted it again
        long b = append(KEY, claim("b"));

        assertThat(ClaimArbitration.lost(from(read), "b", Map.of(KEY, b))).isEmpty();
    }

    @Test
    void withoutAReadTheWholeLogGivesTheSameAnswer() {
        append(KEY, fin("old"));
        append(KEY, null);
        long read = log.size();
        long a = append(KEY, claim("a"));
        long b = append(KEY, claim("b"));

        for (long start : new long[] {0, read}) {
            assertThat(ClaimArbitration.lost(from(start), "a", Map.of(KEY, a))).isEmpty();
            assertThat(ClaimArbitration.lost(from(start), "b", Map.of(KEY, b))).containsKey(KEY);
        }
    }

    /**
     * Random interleavings of four deploys claiming one key, each writing back when it lost and finishing when it won,
     * reads interleaved anywhere: exactly one wins, and once all are done the last record is the winner's final.
     */
    @Test
    void randomInterleavingsHaveExactlyOneWinnerAndEndWithItsFinalRecord() {
        for (int seed = 0; seed < 2000; seed++) {
            log.clear();
            Random random = new Random(seed);
            List<Deploy> deploys = new ArrayList<>();
            for (int i = 0; i < 4; i++) deploys.add(new Deploy("r" + i));
            while (deploys.stream().anyMatch(d -> !d.done)) {
                Deploy d = deploys.get(random.nextInt(deploys.size()));
                if (!d.done) d.step();
            }
            List<Deploy> winners = deploys.stream().filter(d -> d.won).toList();
            assertThat(winners).as("seed %d", seed).hasSize(1);
            assertThat(last(KEY)).as("seed %d: %s", seed, log).isEqualTo(fin(winners.get(0).repository));
        }
    }

    /** One deploy as steps: read, claim, arbitrate, then finish or write back until nothing is left to correct. */
    private final class Deploy {
        final String repository;
        int step;
        long read;
        long claimed;
        boolean won;
        boolean done;

        Deploy(String repository) {
            this.repository = repository;
        }

        void step() {
            switch (step++) {
                case 0 -> read = log.size();
                case 1 -> {
                    // its plan: it claims only what was free when it read
                    String seen = null;
                    for (LogEntry e : log.subList(0, (int) read)) {
                        if (e.key().equals(KEY)) seen = e.value();
                    }
                    if (seen != null) {
                        done = true;
                        return;
                    }
                    claimed = append(KEY, claim(repository));
                }
                case 2 -> won = ClaimArbitration.lost(from(read), repository, Map.of(KEY, claimed)).isEmpty();
                default -> {
                    if (won) {
                        append(KEY, fin(repository));
                        done = true;
                        return;
                    }
                    Map<String, String> fix = ClaimArbitration.corrections(from(read), repository, Set.of(KEY));
                    if (fix.isEmpty()) {
                        done = true;
                    } else {
                        append(KEY, fix.get(KEY));
                    }
                }
            }
        }
    }

    @Test
    void claimsOfManyKeysAreDecidedEachOnItsOwn() {
        String other = "topic:test.billing.refunds.v1";
        long read = log.size();
        long a1 = append(KEY, claim("a"));
        long b1 = append(KEY, claim("b"));
        long b2 = append(other, claim("b"));
        long a2 = append(other, claim("a"));
        Map<String, Long> aClaims = new LinkedHashMap<>(Map.of(KEY, a1, other, a2));
        Map<String, Long> bClaims = new HashMap<>(Map.of(KEY, b1, other, b2));

        assertThat(ClaimArbitration.lost(from(read), "a", aClaims)).containsOnlyKeys(other);
        assertThat(ClaimArbitration.lost(from(read), "b", bClaims)).containsOnlyKeys(KEY);
    }
}
