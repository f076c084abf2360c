package io.kafkaops.engine.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of an ownership record: the account id only where there is one, and older JSON still read. */
class OwnershipRecordTest {

    private static final String APACHE_KAFKA_JSON = "{\"repository\":\"g:a\",\"team\":\"billing\",\"stage\":\"dev\","
            + "\"kind\":\"principal\",\"name\":\"dev.billing-service\",\"logicalName\":\"billing-service\","
            + "\"specHash\":\"h1\",\"appliedAt\":\"2026-01-01T00:00:00Z\",\"sharedWith\":[],\"protected\":false}";

    @Test
    void aRecordWithoutAnAccountIdIsTheSameJsonAndCanonicalFormAsBefore() {
        OwnershipRecord r = new OwnershipRecord("g:a", "billing", "dev", "principal", "dev.billing-service",
                "billing-service", "h1", "2026-01-01T00:00:00Z", null, List.of(), false);

        assertThat(Ownership.toJson(r)).isEqualTo(APACHE_KAFKA_JSON).doesNotContain("accountId");
        assertThat(r.canonical()).isEqualTo("repository=g:a;team=billing;stage=dev;kind=principal"
                + ";name=dev.billing-service;logicalName=billing-service;specHash=h1;appliedAt=2026-01-01T00:00:00Z"
                + ";visibility=null;sharedWith=[];protected=false");
    }

    @Test
    void aConfluentCloudServiceAccountKeepsItsIdInTheJsonAndTheCanonicalForm() {
        OwnershipRecord r = new OwnershipRecord("g:a", "billing", "dev", "principal", "dev.billing-service",
                "billing-service", "h1", "2026-01-01T00:00:00Z", null, List.of(), false, "sa-abc123");

        String json = Ownership.toJson(r);

        assertThat(json).contains("\"accountId\":\"sa-abc123\"");
        assertThat(Ownership.fromJson(json)).isEqualTo(r);
        assertThat(r.canonical()).endsWith(";protected=false;accountId=sa-abc123");
    }

    @Test
    void recordsReadFromJsonShareTheirRepeatedValues() {
        OwnershipRecord a = Ownership.fromJson(APACHE_KAFKA_JSON);
        OwnershipRecord b = Ownership.fromJson(APACHE_KAFKA_JSON.replace("dev.billing-service", "dev.billing-other"));

        // a stage's tens of thousands of records keep one copy of these, not one each
        assertThat(b.repository()).isSameAs(a.repository());
        assertThat(b.team()).isSameAs(a.team());
        assertThat(b.stage()).isSameAs(a.stage());
        assertThat(b.kind()).isSameAs(a.kind());
        assertThat(b).isNotEqualTo(a);
        assertThat(Ownership.fromJson(APACHE_KAFKA_JSON)).isEqualTo(a);
    }

    @Test
    void jsonWrittenBeforeTheAccountIdExistedReadsWithoutOne() {
        OwnershipRecord r = Ownership.fromJson(APACHE_KAFKA_JSON);

        assertThat(r).isNotNull();
        assertThat(r.accountId()).isNull();
        assertThat(r.name()).isEqualTo("dev.billing-service");
        assertThat(r.specHash()).isEqualTo("h1");
    }

    /**
     * Anyone with WRITE on the ownership topic can write any value. Those that are no record of this plugin are
     * ignored; the JSON literal {@code null} used to stop the plan with a NullPointerException.
     */
    @Test
    void valuesThatAreNoRecordAreIgnored() {
        for (String value : List.of("null", "[]", "42", "\"text\"", "{}", "{\"repository\":\"g:a\"}", "{", "",
                "{\"repository\":{},\"kind\":\"topic\",\"name\":\"t\"}")) {
            assertThat(Ownership.fromJson(value)).as(value).isNull();
            assertThat(Ownership.leaseFromJson(value)).as(value).isNull();
            assertThat(io.kafkaops.engine.debug.SessionRecords.fromJson(value)).as(value).isNull();
        }
    }
}
