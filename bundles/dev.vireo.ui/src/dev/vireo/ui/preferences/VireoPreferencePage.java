package dev.vireo.ui.preferences;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

import dev.vireo.ui.Messages;

/** Window > Preferences > Vireo: statistics and confirmations. */
public class VireoPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public VireoPreferencePage() {
        super(GRID);
        setDescription(Messages.HOW_VIREO_SAMPLES_STATISTICS_AND_WHAT);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE,
                VireoPreferences.NODE));
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor interval = new IntegerFieldEditor(VireoPreferences.STATS_INTERVAL,
                Messages.SAMPLE_CPU_MEMORY_DISK_AND_NETWORK, getFieldEditorParent());
        interval.setValidRange(0, 3600);
        addField(interval);
        IntegerFieldEditor budget = new IntegerFieldEditor(VireoPreferences.STATS_BUDGET,
                Messages.AT_MOST_THIS_MANY_STATISTICS_CALLS, getFieldEditorParent());
        budget.setValidRange(1, 6000);
        addField(budget);
        addField(new BooleanFieldEditor(VireoPreferences.CONFIRM_FORCE_OFF, Messages.CONFIRM_FORCE_OFF_AND_RESET,
                getFieldEditorParent()));
        addField(new BooleanFieldEditor(VireoPreferences.CONFIRM_DELETE_HOST_OBJECTS,
                Messages.CONFIRM_DELETING_NETWORKS_STORAGE_POOLS_AND, getFieldEditorParent()));
    }
}
