package dev.vireo.ui.preferences;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window > Preferences > Vireo: statistics and confirmations. */
public class VireoPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public VireoPreferencePage() {
        super(GRID);
        setDescription("How Vireo samples statistics and what it asks before acting.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE,
                VireoPreferences.NODE));
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor interval = new IntegerFieldEditor(VireoPreferences.STATS_INTERVAL,
                "Sample CPU, memory, disk and network statistics every (seconds, 0 = never):", getFieldEditorParent());
        interval.setValidRange(0, 3600);
        addField(interval);
        IntegerFieldEditor budget = new IntegerFieldEditor(VireoPreferences.STATS_BUDGET,
                "At most this many statistics calls a minute per connection:", getFieldEditorParent());
        budget.setValidRange(1, 6000);
        addField(budget);
        addField(new BooleanFieldEditor(VireoPreferences.CONFIRM_FORCE_OFF, "Confirm Force Off and Reset",
                getFieldEditorParent()));
        addField(new BooleanFieldEditor(VireoPreferences.CONFIRM_DELETE_HOST_OBJECTS,
                "Confirm deleting networks, storage pools and volumes", getFieldEditorParent()));
    }
}
