package io.kafkaops.engine.debug.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StartPositionTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsEveryForm() {
        assertThat(StartPosition.parse("earliest", NOW)).isEqualTo(StartPosition.EARLIEST);
        assertThat(StartPosition.parse(" LATEST ", NOW)).isEqualTo(StartPosition.LATEST);
        assertThat(StartPosition.parse("2026-12-04T10:15:30Z", NOW).timestamp())
                .isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(StartPosition.parse("2026-12-04T11:15:30+01:00", NOW).timestamp())
                .isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(StartPosition.parse("15m", NOW)).isEqualTo(new StartPosition(StartPosition.Kind.TIME,
                Instant.parse("2026-12-04T11:45:00Z")));
        assertThat(StartPosition.parse("2h", NOW).toString()).isEqualTo("2026-12-04T10:00:00Z");
    }

    @Test
    void refusesAnythingElseNamingTheForms() {
        assertThatThrownBy(() -> StartPosition.parse("yesterday", NOW))
                .hasMessage("kafka.from 'yesterday' is not earliest, latest, an ISO-8601 time such as"
                        + " 2026-12-04T10:15:30Z or a duration ago such as 15m or 2h");
    }
}
