package io.kafkaops.engine.plan;

/**
 * One line of a plan or deploy report for the console.
 *
 * @param marker {@code '+'} create, {@code '~'} update or adopt, {@code '-'} delete, {@code '!'} conflict or failure,
 *               {@code '?'} unmanaged, {@code ' '} detail or nothing happens
 * @param indent nesting level: 0 for an entity, 1 for its details
 */
public record PlanLine(char marker, int indent, String text) {

    /** The line as plain text: {@code + topic test.billing.invoices.v1}, details indented below. */
    public String render() {
        return "  ".repeat(Math.max(0, indent)) + (marker == ' ' ? "  " : marker + " ") + text;
    }

    @Override
    public String toString() {
        return render();
    }
}
