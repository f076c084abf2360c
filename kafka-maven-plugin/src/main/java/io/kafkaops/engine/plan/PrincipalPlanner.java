package io.kafkaops.engine.plan;

import static io.kafkaops.engine.plan.PlanBuilder.ownershipChanges;
import static io.kafkaops.engine.plan.PlanBuilder.specHash;

import io.kafkaops.engine.desired.DesiredPrincipal;
import io.kafkaops.engine.desired.PrincipalSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The service-account part of a plan: each declared account and its SCRAM credential, which the team's credential
 * store must hold; owned accounts no longer declared are deleted with their credential when the stage allows deletes.
 */
final class PrincipalPlanner {
    private final PlanBuilder b;

    PrincipalPlanner(PlanBuilder b) {
        this.b = b;
    }

    void plan() {
        Set<String> declared = new HashSet<>();
        for (DesiredPrincipal p : b.desired.principals()) {
            declared.add(p.name());
            OwnershipRecord rec = b.owners.get(Ownership.key(EntityKind.SERVICE_ACCOUNT, p.name()));
            Set<String> scram = b.current.scramUsers().get(p.name());
            PrincipalSpec spec = new PrincipalSpec(p.description(), p.credentials());
            String hash = specHash("principal", p.name(), p.logicalName(), spec.canonical());
            Location loc = p.origin() != null ? p.origin().location() : b.stageLocation;

            if (rec != null && !b.repo.equals(rec.repository())) {
                b.conflict(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), rec, loc, null, spec, null);
                continue;
            }
            ChangeAction action;
            List<FieldChange> fc = new ArrayList<>();
            if (rec == null) {
                if (scram != null && !b.in.options().adopt()) {
                    b.unmanaged(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), loc, Severity.WARN,
                            "service account " + p.name() + (b.in.credentialType() == Planner.CredentialType.SCRAM
                                    ? " has a SCRAM credential on the cluster" : " exists in Confluent Cloud")
                                    + " but no repository manages it; it is left untouched",
                            null, spec, null);
                    continue;
                }
                action = scram != null ? ChangeAction.ADOPT : ChangeAction.CREATE;
            } else {
                ownershipChanges(rec, hash, fc, "description or credentials setting changed");
                action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
            }
            b.add(new PlannedChange(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), action, fc, false, true,
                    hash, action == ChangeAction.ADOPT ? "takes over the existing service account" : null,
                    null, null, null, spec, null));
            credential(p, spec, action, scram);
        }
        for (OwnershipRecord rec : b.owned("principal")) {
            if (declared.contains(rec.name())) continue;
            Set<String> scram = b.current.scramUsers().get(rec.name());
            if (scram == null) {
                b.add(b.ownedChange(EntityKind.SERVICE_ACCOUNT, rec, ChangeAction.DELETE, true,
                        "nothing left on the cluster; only its ownership record is removed"));
            } else if (b.in.allowDeletes()) {
                b.add(b.ownedChange(EntityKind.SERVICE_ACCOUNT, rec, ChangeAction.DELETE, true, null));
                b.add(b.ownedChange(EntityKind.CREDENTIAL, rec, ChangeAction.DELETE, false,
                        "its SCRAM credential is deleted and removed from the credential store"));
            } else {
                b.kept(EntityKind.SERVICE_ACCOUNT, rec, "no longer declared, but stage " + b.desired.stage()
                        + " does not allow deletes");
            }
        }
    }

    /**
     * @param scram the account's credential mechanisms on the cluster; null when the cluster has no such account, empty
     *              when it has the account without a credential (a Confluent Cloud service account without an API key)
     */
    private void credential(DesiredPrincipal p, PrincipalSpec spec, ChangeAction principalAction,
                            Set<String> accountCredentials) {
        Set<String> scram = accountCredentials == null || accountCredentials.isEmpty() ? null : accountCredentials;
        Planner.Input in = b.in;
        String stage = b.desired.stage();
        String store = in.storeDescription() == null ? "the team's credential store" : in.storeDescription();
        if (p.credentials()) {
            if (principalAction == ChangeAction.CREATE) {
                b.add(credentialChange(p, spec, ChangeAction.CREATE, List.of(),
                        in.credentialType().created + ", stored in " + store));
            } else if (scram == null) {
                b.add(credentialChange(p, spec, ChangeAction.CREATE, List.of(new FieldChange(FieldChange.CREDENTIAL,
                                null, in.credentialType().shown, "credential missing: " + in.credentialType().missing,
                                false)),
                        in.credentialType().created + ", stored in " + store));
            } else if (in.storedCredentials() != null && !in.storedCredentials().contains(p.name())) {
                b.add(credentialChange(p, spec, ChangeAction.UPDATE, List.of(new FieldChange(FieldChange.CREDENTIAL,
                                "missing from store", "new password", "credential missing from " + store
                                + ": a new password replaces the one on the cluster", false)),
                        "stored in " + store));
                // the one change here that breaks running services: a problem, so the console shows it as a
                // warning and plan.md in its problems table, where a reviewer cannot miss it
                b.problem(EntityKind.CREDENTIAL, p.name(), Diagnostic.warn(Planner.RULE_REPLACED, "the password of "
                                + p.name() + " on stage " + stage + " is REPLACED: the one in use is"
                                + " missing from " + store + ", so every service signing in as " + p.name()
                                + " stops working until it reads the new password from the store",
                        p.origin() != null ? p.origin().location() : b.stageLocation,
                        "if the store was emptied by mistake (a new build agent, mvn clean, a deleted secret),"
                                + " restore it before deploying; otherwise roll the services out with the new"
                                + " password right after the deploy"));
            } else {
                b.add(credentialChange(p, spec, ChangeAction.UNCHANGED, List.of(), null));
            }
        } else if (scram != null && principalAction != ChangeAction.ADOPT
                && (in.storedCredentials() == null || in.storedCredentials().contains(p.name()))) {
            // the repo switched credentials off for an account it owns: the SCRAM user has to go. A credential its
            // store never held (an account adopted with credentials: false) was not issued by it and stays
            if (in.allowDeletes()) {
                b.add(credentialChange(p, spec, ChangeAction.DELETE, List.of(),
                        "credentials: false; the SCRAM credential is deleted"));
            } else {
                b.add(credentialChange(p, spec, ChangeAction.KEPT, List.of(), "credentials: false, but stage "
                        + stage + " does not allow deletes"));
                b.problem(EntityKind.CREDENTIAL, p.name(), Diagnostic.warn(Planner.RULE_KEPT, "credential " + p.name()
                        + " is kept: the service account says credentials: false, but stage " + stage
                        + " does not allow deletes", p.origin() != null ? p.origin().location() : b.stageLocation,
                        null).withSeverity(Severity.INFO));
            }
        }
    }

    private static PlannedChange credentialChange(DesiredPrincipal p, PrincipalSpec spec, ChangeAction action,
                                                  List<FieldChange> fc, String note) {
        return new PlannedChange(EntityKind.CREDENTIAL, p.name(), p.logicalName(), action, fc, false, false,
                null, note, null, null, null, spec, null);
    }
}
