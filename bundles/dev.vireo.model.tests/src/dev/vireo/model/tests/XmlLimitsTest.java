package dev.vireo.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlDiff;
import dev.vireo.model.XmlObject;

/** Hostile documents fail with the parser's position, never with a stack overflow or an entity expansion. */
class XmlLimitsTest {
    private static String nested(int depth) {
        return "<domain type='kvm'><name>deep</name><metadata>" + "<x>".repeat(depth) + "</x>".repeat(depth)
                + "</metadata></domain>";
    }

    @Test
    void elementsNestedDeeperThanAnyLibvirtDocumentAreRefusedWithTheirPosition() {
        ModelException e = assertThrows(ModelException.class, () -> LibvirtModel.load(nested(100_000)));
        assertTrue(e.getMessage().startsWith("Line 1, column "), e.getMessage());
        assertThrows(ModelException.class, () -> XmlDiff.firstDifference(nested(100_000), nested(100_000)));
    }

    @Test
    void aParserThatFailsInsideItselfStillGivesThePositionAndTheNextDocumentIsRead() throws Exception {
        // found by the model fuzzer: the JDK's parser fails on this with "Scanner State 24 not Recognized"
        ModelException e = assertThrows(ModelException.class,
                () -> LibvirtModel.load("<domain type='test'>\n  <!DOCTYPE domain><name>x</name></domain>"));
        assertTrue(e.getMessage().startsWith("Line 2, column "), e.getMessage());
        assertEquals("deep", LibvirtModel.load(nested(5)).get("name"));
    }

    @Test
    void anAttributeNamedLikeANamespaceDeclarationIsRefusedWithItsPosition() throws Exception {
        // found by the model fuzzer in CI: the JDK's serializer dropped "xmlnsq" when writing back
        ModelException e = assertThrows(ModelException.class,
                () -> LibvirtModel.load("<domain type='test'>\n  <name xmlnsq='urn:x'>x</name></domain>"));
        assertTrue(e.getMessage().startsWith("Line 2, column "), e.getMessage());
        String declared = "<domain type='test' xmlns:q='urn:x'><name q:a='1'>x</name></domain>";
        assertNull(XmlDiff.firstDifference(declared, LibvirtModel.save(LibvirtModel.load(declared))));
    }

    @Test
    void realisticNestingIsRead() throws Exception {
        XmlObject domain = LibvirtModel.load(nested(50));
        assertEquals("deep", domain.get("name"));
    }

    @Test
    void doctypesAndEntitiesAreRefused() {
        String billionLaughs = "<?xml version='1.0'?><!DOCTYPE domain [<!ENTITY a 'aaaaaaaaaa'>"
                + "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><domain><name>&b;</name></domain>";
        ModelException e = assertThrows(ModelException.class, () -> LibvirtModel.load(billionLaughs));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }
}
