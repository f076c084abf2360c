package io.kafkaops.engine.plan;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Plural;
import io.kafkaops.model.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shows a plan to people: console lines and a Markdown page for a pull-request comment. Never shows a secret. */
public final class PlanRenderer {

    private PlanRenderer() {
    }

    /** One line per entity that is not unchanged, details indented below it, in plan order. */
    public static List<PlanLine> lines(Plan plan) {
        List<PlanLine> out = new ArrayList<>();
        for (PlannedChange c : plan.changes()) {
            if (c.action() != ChangeAction.UNCHANGED) out.addAll(lines(c));
        }
        return out;
    }

    public static char marker(ChangeAction action) {
        return switch (action) {
            case CREATE -> '+';
            case UPDATE, ADOPT -> '~';
            case DELETE -> '-';
            case CONFLICT -> '!';
            case UNMANAGED -> '?';
            case UNCHANGED, KEPT -> ' ';
        };
    }

    /** The lines of one change: the entity's line, details indented below it. */
    public static List<PlanLine> lines(PlannedChange c) {
        List<PlanLine> out = new ArrayList<>();
        String what = c.kind().label() + " " + c.displayName();
        char m = marker(c.action());
        switch (c.action()) {
            case CREATE -> {
                if (c.kind() == EntityKind.TOPIC && c.topic() != null) {
                    out.add(new PlanLine(m, 0, what + " (" + Plural.of(c.topic().partitions(), "partition")
                            + ", replication factor " + c.topic().replicationFactor() + ")"));
                    // who may use it: a reviewer must see a topic being made readable by other teams
                    out.add(new PlanLine(' ', 1, "visibility = " + c.topic().visibility().name()
                            .toLowerCase(Locale.ROOT)));
                    if (!c.topic().sharedWith().isEmpty()) {
                        out.add(new PlanLine(' ', 1, "sharedWith = " + String.join(", ", c.topic().sharedWith())));
                    }
                    for (Map.Entry<String, String> e : c.topic().config().entrySet()) {
                        out.add(new PlanLine(' ', 1, e.getKey() + " = " + human(e.getKey(), e.getValue())));
                    }
                } else {
                    out.add(new PlanLine(m, 0, what));
                }
                details(c, out);
            }
            case UPDATE, DELETE -> {
                out.add(new PlanLine(m, 0, what));
                details(c, out);
            }
            case ADOPT -> {
                out.add(new PlanLine(m, 0, what + " (adopt)"));
                details(c, out);
            }
            case CONFLICT -> out.add(new PlanLine(m, 0, what + ": " + c.note() + "; nothing is changed"));
            case UNMANAGED -> out.add(new PlanLine(m, 0, what + (c.note() != null && c.note().startsWith("differs")
                    ? ": exists but no repository manages it, and " + c.note()
                    : ": exists but no repository manages it; left untouched (" + Planner.ADOPT + " takes it over)")));
            case KEPT -> out.add(new PlanLine(m, 0, "kept " + what + ": " + c.note()));
            case UNCHANGED -> out.add(new PlanLine(m, 0, what + " (unchanged)"));
        }
        return out;
    }

    private static void details(PlannedChange c, List<PlanLine> out) {
        for (FieldChange f : c.changes()) {
            out.add(new PlanLine(' ', 1, f.text() + (f.destructive() && !f.text().contains("impossible")
                    ? "  [destructive]" : "")));
        }
        if (c.note() != null) out.add(new PlanLine(' ', 1, c.note()));
    }

    static String human(String key, String value) {
        if (value != null && Units.isDurationKey(key)) {
            try {
                return Units.formatDurationMs(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** The plan as a pull-request comment: heading, summary, a diff block per kind of entity, the problems. */
    public static String markdown(Plan plan) {
        return markdown(plan, MARKDOWN_LIMIT);
    }

    /**
     * plan.md stays under this many characters: GitHub refuses a comment over 65,536 characters, and a reviewer
     * reads a few thousand lines at most. The problems always fit; changes beyond the limit are counted, not shown.
     */
    public static final int MARKDOWN_LIMIT = 60_000;

    static String markdown(Plan plan, int limit) {
        StringBuilder md = new StringBuilder();
        PlanSummary s = plan.summary();
        md.append("### Kafka plan for stage `").append(plan.stage()).append("`\n\n");
        md.append("**").append(s.line(plan.stage())).append("**");
        if (s.unchanged() > 0) md.append(" (").append(s.unchanged()).append(" unchanged)");
        md.append("\n\n");
        md.append("Repository `").append(plan.repository()).append("`");
        if (plan.team() != null) md.append(", team `").append(plan.team()).append("`");
        md.append(", planned at ").append(plan.createdAt());
        if (plan.clusterId() != null) md.append(" on cluster `").append(plan.clusterId()).append("`");
        md.append(" against cluster state `")
                .append(plan.stateFingerprint(), 0, Math.min(12, plan.stateFingerprint().length())).append("`.\n");

        String problems = problemsTable(plan.problems(), limit / 2);
        // room for the changes: what is left after the header, the problems and the note about omitted changes
        int budget = limit - md.length() - problems.length() - 400;
        int shown = 0;
        int omitted = 0;
        String[] titles = {"Service accounts", "Credentials", "Topics", "ACLs"};
        for (EntityKind kind : EntityKind.values()) {
            StringBuilder section = new StringBuilder();
            for (PlannedChange c : plan.changes()) {
                if (c.kind() != kind || c.action() == ChangeAction.UNCHANGED) continue;
                if (omitted > 0) {
                    // past the limit: only counted, not rendered
                    omitted++;
                    continue;
                }
                StringBuilder block = new StringBuilder();
                for (PlanLine l : lines(c)) block.append(diffLine(l)).append('\n');
                String header = section.isEmpty() ? "\n#### " + titles[kind.ordinal()] + "\n\n```diff\n" : "";
                int cost = header.length() + block.length() + 4;
                if (md.length() + section.length() + cost > budget) {
                    omitted++;
                    continue;
                }
                section.append(header).append(block);
                shown++;
            }
            if (!section.isEmpty()) md.append(section).append("```\n");
        }
        if (shown == 0 && omitted == 0) {
            md.append("\nNo changes: stage `").append(plan.stage()).append("` matches the repository.\n");
        }
        if (omitted > 0) {
            md.append("\n*").append(omitted).append(omitted == 1 ? " more change is" : " more changes are")
                    .append(" not shown here, to keep this comment under ").append(String.format(Locale.ROOT, "%,d",
                            limit)).append(" characters: every change is in `plan.json` and in the build log.*\n");
        }
        md.append(problems);
        return md.toString();
    }

    private static String problemsTable(List<Diagnostic> problems, int limit) {
        if (problems.isEmpty()) return "";
        StringBuilder md = new StringBuilder("\n#### Problems\n\n| Severity | Rule | Where | Problem |\n|---|---|---|---|\n");
        int omitted = 0;
        for (Diagnostic d : problems) {
            StringBuilder row = new StringBuilder();
            row.append("| ").append(d.severity()).append(" | `").append(d.ruleId()).append("` | ")
                    .append(cell(d.location().toString())).append(" | ").append(cell(d.message()));
            if (d.hint() != null && !d.hint().isBlank()) row.append(" (").append(cell(d.hint())).append(')');
            row.append(" |\n");
            if (omitted > 0 || md.length() + row.length() > limit) {
                omitted++;
            } else {
                md.append(row);
            }
        }
        if (omitted > 0) {
            md.append("\n*").append(omitted).append(" more problem").append(omitted == 1 ? " is" : "s are")
                    .append(" not shown here: all are in `plan.json` and in the build log.*\n");
        }
        return md.toString();
    }

    /** In a diff block the first column colours the line, so the marker stays first and details are indented. */
    private static String diffLine(PlanLine l) {
        return l.marker() + " " + "  ".repeat(Math.max(0, l.indent())) + l.text();
    }

    private static String cell(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
                .replace("\n", " ");
    }
}
