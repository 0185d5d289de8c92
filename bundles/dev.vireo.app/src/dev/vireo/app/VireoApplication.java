package dev.vireo.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.ui.Trace;

/**
 * Starts the Vireo workbench. {@code --connect URI} (as often as wanted) opens those hosts instead
 * of the saved or embedded ones;
 * {@code --trace FILE} writes the moments a user sees ({@link Trace}); {@code --list-drivers} and
 * {@code --list-domains URI} answer without a window.
 */
public class VireoApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Integer answered = HeadlessCommands.run(List.of(Platform.getApplicationArgs()));
        if (answered != null) {
            return answered;
        }
        List<String> args = List.of(Platform.getApplicationArgs());
        int trace = args.indexOf("--trace");
        if (trace >= 0 && trace + 1 < args.size()) {
            Trace.to(Path.of(args.get(trace + 1)));
        }
        Display display = PlatformUI.createDisplay();
        // a libvirt call is a network round trip: the UI thread must never make one
        LibvirtThreadGuard.forbid(display.getThread());
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new VireoWorkbenchAdvisor(connectUris()));
            return code == PlatformUI.RETURN_RESTART ? restart() : EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.getDisplay().syncExec(() -> {
            if (!workbench.getDisplay().isDisposed()) {
                workbench.close();
            }
        });
    }

    /**
     * Starts Vireo again once this process has ended (after installing a plugin, say). Eclipse's
     * native launcher would; the start script, which the product has instead, names itself in
     * {@code vireo.launcher}. Without it (a development runtime) the restart is left to whoever
     * started this one.
     */
    private static Object restart() {
        String launcher = System.getProperty("vireo.launcher");
        if (launcher == null) {
            return EXIT_RESTART;
        }
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "tail --pid=" + ProcessHandle.current().pid() + " -f /dev/null; exec \"$0\" \"$@\"", launcher));
        command.addAll(List.of(Platform.getApplicationArgs()));
        try {
            new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            Platform.getLog(VireoApplication.class).error(NLS.bind(Messages.VIREO_COULD_NOT_START_AGAIN,
                    e.getMessage()), e);
        }
        return EXIT_OK;
    }

    /** The URIs given with {@code --connect}, in order. */
    static List<String> connectUris() {
        List<String> args = List.of(Platform.getApplicationArgs());
        List<String> uris = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--connect")) {
                uris.add(args.get(++i));
            }
        }
        return uris;
    }
}
