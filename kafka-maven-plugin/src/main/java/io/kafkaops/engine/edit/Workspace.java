package io.kafkaops.engine.edit;

import io.kafkaops.engine.edit.yaml.Renderer;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Style;
import io.kafkaops.engine.edit.yaml.YamlNodes;
import io.kafkaops.engine.edit.yaml.YamlText;
import io.kafkaops.model.Location;
import io.kafkaops.model.load.EntityLoader;
import io.kafkaops.model.schema.Schemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The entity files of one repository while a request is applied to them, in the loader's order (path order), and
 * where the entities in them are.
 */
final class Workspace {

    static final String TOPICS = "topics";
    static final String SERVICE_ACCOUNTS = "serviceAccounts";
    static final String GRANTS = "grants";
    static final String ACLS = "acls";

    final Path baseDir;
    final Path kafkaDir;
    private final Path schemaFile;
    private final TreeMap<String, SourceFile> files = new TreeMap<>();

    private Workspace(Path baseDir, Path kafkaDir, Path schemaFile) {
        this.baseDir = baseDir;
        this.kafkaDir = kafkaDir;
        this.schemaFile = schemaFile;
    }

    /** Reads every entity file below {@code kafkaDir} (none when it does not exist yet). */
    static Workspace read(Path baseDir, Path kafkaDir, Path schemaFile) throws IOException {
        Workspace ws = new Workspace(baseDir.toAbsolutePath().normalize(), kafkaDir.toAbsolutePath().normalize(),
                schemaFile == null ? null : schemaFile.toAbsolutePath().normalize());
        if (!Files.isDirectory(ws.kafkaDir)) return ws;
        for (Path p : EntityLoader.entityFiles(ws.kafkaDir)) {
            byte[] bytes = Files.readAllBytes(p);
            boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                    && bytes[2] == (byte) 0xBF;
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0))).toString();
            String rel = slashes(ws.kafkaDir.relativize(p));
            ws.files.put(rel, new SourceFile(rel, p, ws.displayName(p), text, bom));
        }
        return ws;
    }

    List<SourceFile> files() {
        return List.copyOf(files.values());
    }

    /** An existing file, or a new empty one at that path. */
    SourceFile file(String relative) {
        return files.computeIfAbsent(relative, rel -> {
            Path p = kafkaDir.resolve(rel).normalize();
            return new SourceFile(rel, p, displayName(p), null, false);
        });
    }

    /** The style of the repository's files, for files that show none: the first file that has entities. */
    Style baseStyle() {
        for (SourceFile f : files.values()) {
            if (!f.yaml().documents().isEmpty()) return Style.of(f.yaml(), Style.DEFAULT);
        }
        return Style.DEFAULT;
    }

    Renderer renderer(SourceFile f) {
        return new Renderer(Style.of(f.yaml(), baseStyle()));
    }

    /**
     * The first line of a new file: the schema modeline of a sibling file when there is one (it already points the
     * right way), else one pointing at the schema {@code kafka:validate} writes.
     */
    String modeline(SourceFile f) {
        Path dir = f.path.getParent();
        for (SourceFile other : files.values()) {
            if (other == f || other.isNew() || !dir.equals(other.path.getParent())) continue;
            String first = other.text().lines().findFirst().orElse("");
            if (first.startsWith("# yaml-language-server: $schema=")) return first.strip();
        }
        String target = schemaFile == null ? Schemas.ENTITIES_FILE_NAME : slashes(dir.relativize(schemaFile));
        return Schemas.modeline(target);
    }

    String displayName(Path p) {
        Path f = p.toAbsolutePath().normalize();
        return f.startsWith(baseDir) ? slashes(baseDir.relativize(f)) : slashes(f);
    }

    static String slashes(Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : p) parts.add(part.toString());
        String joined = String.join("/", parts);
        return p.isAbsolute() ? p.getRoot().toString().replace('\\', '/') + joined : joined;
    }

    // ---- entities ------------------------------------------------------------------------------------------------

    /**
     * An entity: item {@code index} of the list under top-level key {@code key} of a document.
     *
     * @param map the item (entities are maps)
     */
    record Item(SourceFile file, ScalarNode key, SequenceNode list, int index, MappingNode map) {

        String field(String name) {
            return YamlNodes.text(YamlNodes.value(map, name));
        }

        /** Where the entity's name (or the item) is written. */
        Location location(String nameField) {
            YamlText t = file.yaml();
            Node at = YamlNodes.value(map, nameField);
            int offset = t.start(at != null ? at : map);
            int line = t.lineOf(offset);
            return new Location(file.displayName, line + 1, offset - t.lineStart(line) + 1);
        }
    }

    /** Every entity under {@code key} (topics, serviceAccounts, grants, acls), in the loader's order. */
    List<Item> items(String key) {
        List<Item> out = new ArrayList<>();
        for (SourceFile f : files.values()) {
            for (Node doc : f.yaml().documents()) {
                if (!(doc instanceof MappingNode root)) continue;
                NodeTuple tuple = YamlNodes.entry(root, key);
                if (tuple == null || !(tuple.getValueNode() instanceof SequenceNode seq)) continue;
                for (int i = 0; i < seq.getValue().size(); i++) {
                    if (seq.getValue().get(i) instanceof MappingNode m) {
                        out.add(new Item(f, (ScalarNode) tuple.getKeyNode(), seq, i, m));
                    }
                }
            }
        }
        return out;
    }

    Optional<Item> topic(String name) {
        return items(TOPICS).stream().filter(i -> name.equals(i.field("name"))).findFirst();
    }

    Optional<Item> serviceAccount(String name) {
        return items(SERVICE_ACCOUNTS).stream().filter(i -> name.equals(i.field("name"))).findFirst();
    }

    List<Item> grants(String serviceAccount) {
        return items(GRANTS).stream().filter(i -> serviceAccount.equals(i.field("serviceAccount"))).toList();
    }

    /** Names listed under {@code external.<key>}. */
    List<String> external(String key) {
        List<String> out = new ArrayList<>();
        for (SourceFile f : files.values()) {
            for (Node doc : f.yaml().documents()) {
                if (!(doc instanceof MappingNode root)) continue;
                if (YamlNodes.value(root, "external") instanceof MappingNode ext
                        && YamlNodes.value(ext, key) instanceof SequenceNode seq) {
                    for (Node n : seq.getValue()) {
                        String s = YamlNodes.text(n);
                        if (s != null) out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** The first list under top-level {@code key} in a file, with its key. */
    static NodeTuple firstList(YamlText t, String key) {
        for (Node doc : t.documents()) {
            if (doc instanceof MappingNode root) {
                NodeTuple tuple = YamlNodes.entry(root, key);
                if (tuple != null && tuple.getValueNode() instanceof SequenceNode) return tuple;
            }
        }
        return null;
    }
}
