package io.kafkaops.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    private static String lines(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) out.add("line " + i);
        return String.join("\n", out) + "\n";
    }

    @Test
    void changesFarApartGetTheirOwnHunks() {
        String before = lines(1, 20);
        String after = before.replace("line 2\n", "line 2\nnew A\n").replace("line 18\n", "");
        assertThat(UnifiedDiff.diff("f.yaml", before, after)).isEqualTo("""
                --- a/f.yaml
                +++ b/f.yaml
                @@ -1,5 +1,6 @@
                 line 1
                 line 2
                +new A
                 line 3
                 line 4
                 line 5
                @@ -15,6 +16,5 @@
                 line 15
                 line 16
                 line 17
                -line 18
                 line 19
                 line 20
                """);
    }

    @Test
    void changesCloseTogetherShareAHunk() {
        String before = lines(1, 10);
        String after = before.replace("line 3\n", "line three\n").replace("line 7\n", "line seven\n");
        assertThat(UnifiedDiff.diff("f.yaml", before, after)).isEqualTo("""
                --- a/f.yaml
                +++ b/f.yaml
                @@ -1,10 +1,10 @@
                 line 1
                 line 2
                -line 3
                +line three
                 line 4
                 line 5
                 line 6
                -line 7
                +line seven
                 line 8
                 line 9
                 line 10
                """);
    }

    @Test
    void aMissingFinalLineBreakIsShownAndLineEndingsAreNotPrinted() {
        assertThat(UnifiedDiff.diff("f.yaml", "a\r\nb", "a\r\nb\r\nc")).isEqualTo("""
                --- a/f.yaml
                +++ b/f.yaml
                @@ -1,2 +1,3 @@
                 a
                -b
                \\ No newline at end of file
                +b
                +c
                \\ No newline at end of file
                """);
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertThat(UnifiedDiff.diff("f.yaml", "a\n", "a\n")).isEqualTo("--- a/f.yaml\n+++ b/f.yaml\n");
    }
}
