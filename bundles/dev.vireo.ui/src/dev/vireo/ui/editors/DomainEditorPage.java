package dev.vireo.ui.editors;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.vireo.model.XmlObject;

/**
 * A page of the virtual machine editor, contributed through the {@code dev.vireo.ui.domainEditorPages}
 * extension point (a driver plugin adds its own the same way). Every method runs on the UI thread;
 * a page reads the cache and the editor's working copy, and calls libvirt only inside a Job.
 */
public interface DomainEditorPage {
    /** Builds the page for {@code editor}; called once, before any other method. */
    Control createControl(DomainEditor editor, Composite parent);

    /** The working copy is now {@code draft} ({@code null} while it loads). */
    default void show(XmlObject draft) {
    }

    /** The page became the visible one. */
    default void shown() {
    }

    /** Another page became the visible one. */
    default void hidden() {
    }

    /** The machine's run state changed in the cache. */
    default void stateChanged() {
    }

    /** New statistics were sampled; told to the visible page only. */
    default void statsSampled() {
    }

    /** The whole definition as text, if the user edited it on this page; Apply sends that instead of the working copy. */
    default String editedText() {
        return null;
    }

    /** The definition this page's edit produced was applied. */
    default void applied() {
    }
}
