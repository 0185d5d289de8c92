package dev.vireo.app;

import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.ui.EditorAreaHint;
import dev.vireo.ui.Services;
import dev.vireo.ui.Trace;
import dev.vireo.ui.dialogs.AboutDialog;
import dev.vireo.ui.dialogs.DriverPluginsDialog;
import dev.vireo.ui.preferences.VireoPreferences;

/** The Vireo window: a File menu, the contributed menus, and the virtual machines perspective. */
class VireoWorkbenchAdvisor extends WorkbenchAdvisor {
    private final List<String> connect;

    VireoWorkbenchAdvisor(List<String> connect) {
        this.connect = connect;
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return VireoPerspective.ID;
    }

    @Override
    public void postStartup() {
        // each through its driver plugin, which says what libvirt URI to open and how to keep it
        // current; returns at once, the connections come up on their own worker threads
        for (String u : uris()) {
            Services.drivers().open(Services.connections(), u); // a failing driver fails its connection only
        }
    }

    /** {@code --connect URI}s if given, else the saved autoconnect connections, else the embedded host. */
    private List<String> uris() {
        if (!connect.isEmpty()) {
            return connect;
        }
        List<String> saved = VireoPreferences.autoconnect();
        return saved.isEmpty() ? List.of(ConnectionManager.DEFAULT_URI) : saved;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                configurer.setTitle(Messages.VIREO);
                configurer.setInitialSize(new Point(1280, 760));
                configurer.setShowCoolBar(false);
                configurer.setShowStatusLine(true);
                configurer.setShowProgressIndicator(true);
            }

            @Override
            public void postWindowOpen() {
                EditorAreaHint.install(configurer.getWindow());
                configurer.getWindow().getShell().getDisplay().asyncExec(Trace::windowShown); // once it is painted
            }

            @Override
            public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer actionBars) {
                return new MenuBar(actionBars);
            }
        };
    }

    private static final class MenuBar extends ActionBarAdvisor {
        private ActionFactory.IWorkbenchAction quit;
        private ActionFactory.IWorkbenchAction save;
        private ActionFactory.IWorkbenchAction preferences;
        private ActionFactory.IWorkbenchAction resetPerspective;
        private IContributionItem views;
        private IContributionItem keyAssist;
        private Action about;
        private Action driverPlugins;

        MenuBar(IActionBarConfigurer configurer) {
            super(configurer);
        }

        @Override
        protected void makeActions(IWorkbenchWindow window) {
            quit = ActionFactory.QUIT.create(window);
            register(quit);
            save = ActionFactory.SAVE.create(window); // Ctrl+S applies a virtual machine editor
            register(save);
            preferences = ActionFactory.PREFERENCES.create(window);
            register(preferences);
            resetPerspective = ActionFactory.RESET_PERSPECTIVE.create(window);
            register(resetPerspective);
            views = ContributionItemFactory.VIEWS_SHORTLIST.create(window);
            keyAssist = new CommandContributionItem(new CommandContributionItemParameter(window, null,
                    "org.eclipse.ui.window.showKeyAssist", CommandContributionItem.STYLE_PUSH));
            driverPlugins = new Action(Messages.DRIVER_PLUGINS) {
                @Override
                public void run() {
                    new DriverPluginsDialog(window.getShell()).open();
                }
            };
            about = new Action(Messages.ABOUT_VIREO) {
                @Override
                public void run() {
                    new AboutDialog(window.getShell()).open();
                }
            };
        }

        @Override
        protected void fillMenuBar(IMenuManager menuBar) {
            MenuManager file = new MenuManager(Messages.FILE, IWorkbenchActionConstants.M_FILE);
            file.add(new GroupMarker("connections")); // File menu contributions: "menu:file?after=connections"
            file.add(save);
            file.add(new Separator());
            file.add(quit);
            menuBar.add(file);
            menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
            MenuManager window = new MenuManager(Messages.WINDOW, IWorkbenchActionConstants.M_WINDOW);
            MenuManager showView = new MenuManager(Messages.SHOW_VIEW);
            showView.add(views);
            window.add(showView);
            window.add(resetPerspective);
            window.add(new Separator());
            window.add(preferences);
            menuBar.add(window);
            MenuManager help = new MenuManager(Messages.HELP, IWorkbenchActionConstants.M_HELP);
            help.add(keyAssist);
            help.add(driverPlugins);
            help.add(new Separator());
            help.add(about);
            menuBar.add(help);
        }
    }
}
