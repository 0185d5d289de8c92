package dev.vireo.plugins;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.engine.IEngine;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.engine.query.IUProfilePropertyQuery;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.planner.IPlanner;
import org.eclipse.equinox.p2.planner.IProfileChangeRequest;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The plugins a user installed into one Vireo installation (its p2 profile), and the changes p2
 * makes to them: install from a repository, update from the repository a plugin came from,
 * uninstall. Each change is one p2 plan, performed whole or rolled back, so a failure (not a
 * repository, a missing dependency, content the user would not trust) leaves nothing half
 * installed. A change takes effect when Vireo next starts. Calls block: run them off the UI thread.
 */
public final class PluginInstallation {
    /** The profile a Vireo product is installed as (its config.ini names it; {@code vireo install} uses it). */
    public static final String PROFILE = "DefaultProfile";
    private static final String ROOT = "org.eclipse.equinox.p2.type.root";
    /** Where a plugin was installed from: its updates are looked for there, and only there. */
    private static final String SOURCE = "dev.vireo.plugins.repository";

    private final IProvisioningAgent agent;
    private final String profileId;

    private PluginInstallation(IProvisioningAgent agent, String profileId) {
        this.agent = agent;
        this.profileId = profileId;
    }

    /** The Vireo this code runs in, as p2 installed it. */
    public static PluginInstallation running() throws CoreException {
        BundleContext context = FrameworkUtil.getBundle(PluginInstallation.class).getBundleContext();
        Collection<ServiceReference<IProvisioningAgent>> current;
        try {
            current = context.getServiceReferences(IProvisioningAgent.class, "(" + IProvisioningAgent.SERVICE_CURRENT
                    + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (current.isEmpty()) {
            throw failure(Messages.NOT_INSTALLED_BY_P2, null);
        }
        PluginInstallation running = new PluginInstallation(context.getService(current.iterator().next()),
                IProfileRegistry.SELF);
        running.profile(); // there is a profile to change
        return running;
    }

    /** The Vireo installed in {@code folder} (another installation than this one, say a copy). */
    public static PluginInstallation at(Path folder) throws CoreException {
        BundleContext context = FrameworkUtil.getBundle(PluginInstallation.class).getBundleContext();
        ServiceReference<IProvisioningAgentProvider> ref = context.getServiceReference(IProvisioningAgentProvider.class);
        if (ref == null) {
            throw failure(Messages.P2_NOT_RUNNING, null);
        }
        IProvisioningAgent agent = context.getService(ref).createAgent(folder.resolve("p2").toUri());
        PluginInstallation at = new PluginInstallation(agent, PROFILE);
        at.moveTo(folder.toAbsolutePath().toString());
        return at;
    }

    /** The id of every unit installed, the installation's own and the plugins'. */
    public Set<String> units() throws CoreException {
        return profile().query(QueryUtil.createIUAnyQuery(), null).stream().map(IInstallableUnit::getId)
                .collect(Collectors.toSet());
    }

    /** The plugins installed into this installation by a user, not those it came with. */
    public List<InstalledPlugin> plugins() throws CoreException {
        IProfile profile = profile();
        Set<IInstallableUnit> units = profile.query(QueryUtil.createIUAnyQuery(), null).toUnmodifiableSet();
        List<IInstallableUnit> roots = profile.query(new IUProfilePropertyQuery(ROOT, "true"), null).toUnmodifiableSet()
                .stream().toList();
        Set<IInstallableUnit> own = reachable(roots.stream().filter(QueryUtil::isProduct).toList(), units);
        List<InstalledPlugin> plugins = new ArrayList<>();
        for (IInstallableUnit root : roots) {
            if (!QueryUtil.isProduct(root)) {
                // what the plugin brought: what it needs that the installation already had is not its own
                List<String> brought = reachable(List.of(root), units).stream()
                        .filter(u -> u != root && !own.contains(u) && !u.getId().endsWith(".feature.jar"))
                        .map(IInstallableUnit::getId).sorted().toList();
                plugins.add(new InstalledPlugin(root, brought, profile.getInstallableUnitProperty(root, SOURCE)));
            }
        }
        plugins.sort(Comparator.comparing(InstalledPlugin::name));
        return plugins;
    }

    /**
     * {@code from} and every unit among {@code units} they require, directly or not; not p2's
     * configuration fragments, which match every bundle.
     */
    private static Set<IInstallableUnit> reachable(List<IInstallableUnit> from, Set<IInstallableUnit> units) {
        Set<IInstallableUnit> reached = new HashSet<>(from);
        Deque<IInstallableUnit> next = new ArrayDeque<>(from);
        while (!next.isEmpty()) {
            IInstallableUnit unit = next.pop();
            for (IInstallableUnit other : units) {
                if (!reached.contains(other) && !QueryUtil.isFragment(other)
                        && unit.getRequirements().stream().anyMatch(r -> r.isMatch(other))) {
                    reached.add(other);
                    next.push(other);
                }
            }
        }
        return reached;
    }

    /**
     * The features a repository offers (newest version of each), loading it: an error names the
     * location when it is not a p2 repository or cannot be read. {@code location} is a URL, a
     * folder or a zip archive.
     */
    public List<IInstallableUnit> featuresIn(URI location, IProgressMonitor monitor) throws CoreException {
        IMetadataRepository repository = agent.getService(IMetadataRepositoryManager.class).loadRepository(location,
                monitor);
        return repository.query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), monitor)
                .toUnmodifiableSet().stream().filter(Predicate.not(QueryUtil::isCategory))
                .sorted(Comparator.comparing(IInstallableUnit::getId)).toList();
    }

    /** Installs {@code features} from {@code location}; {@code trust} decides on unsigned or untrusted content. */
    public IStatus install(URI location, Collection<IInstallableUnit> features, TrustPrompt trust,
            IProgressMonitor monitor) throws CoreException {
        IProfileChangeRequest request = changeRequest();
        features.forEach(feature -> addRoot(request, feature, location));
        return perform(request, trust, monitor, location);
    }

    /** Installs a newer version of {@code plugin} from the repository it came from; INFO when there is none. */
    public IStatus update(InstalledPlugin plugin, TrustPrompt trust, IProgressMonitor monitor) throws CoreException {
        if (plugin.source() == null) {
            return Status.info(NLS.bind(Messages.NOT_FROM_A_KNOWN_REPOSITORY, plugin.name()));
        }
        URI location = URI.create(plugin.source());
        IInstallableUnit newest = featuresIn(location, monitor).stream()
                .filter(f -> f.getId().equals(plugin.unit().getId())).findFirst().orElse(null);
        if (newest == null || newest.getVersion().compareTo(plugin.unit().getVersion()) <= 0) {
            return Status.info(NLS.bind(Messages.NEWEST_IN, new Object[] { plugin.name(), plugin.version(),
                    location }));
        }
        IProfileChangeRequest request = changeRequest();
        request.remove(plugin.unit());
        addRoot(request, newest, location);
        return perform(request, trust, monitor, location);
    }

    public IStatus uninstall(InstalledPlugin plugin, IProgressMonitor monitor) throws CoreException {
        IProfileChangeRequest request = changeRequest();
        request.remove(plugin.unit());
        return perform(request, TrustPrompt.REFUSE, monitor);
    }

    /** A feature the user chose: a root of the profile, remembered with where it came from. */
    private static void addRoot(IProfileChangeRequest request, IInstallableUnit feature, URI location) {
        request.add(feature);
        request.setInstallableUnitProfileProperty(feature, ROOT, "true");
        request.setInstallableUnitProfileProperty(feature, SOURCE, location.toString());
    }

    private IProfileChangeRequest changeRequest() throws CoreException {
        return agent.getService(IPlanner.class).createChangeRequest(profile());
    }

    /**
     * A copied installation's profile still names the folder it was made in, and p2 would fetch
     * into that folder's plugins before any change to the profile took effect: the profile is
     * moved first, on its own, as p2's director does for a roaming profile.
     */
    private void moveTo(String installFolder) throws CoreException {
        IProfile profile = profile();
        if (Boolean.parseBoolean(profile.getProperty(IProfile.PROP_ROAMING))
                && !installFolder.equals(profile.getProperty(IProfile.PROP_INSTALL_FOLDER))) {
            IProfileChangeRequest request = changeRequest();
            request.setProfileProperty(IProfile.PROP_INSTALL_FOLDER, installFolder);
            request.setProfileProperty(IProfile.PROP_CACHE, installFolder);
            IStatus moved = perform(request, TrustPrompt.REFUSE, null);
            if (!moved.isOK()) {
                throw new CoreException(moved);
            }
        }
    }

    private IStatus perform(IProfileChangeRequest request, TrustPrompt trust, IProgressMonitor monitor,
            URI... repositories) {
        ProvisioningContext context = new ProvisioningContext(agent);
        context.setMetadataRepositories(repositories);
        context.setArtifactRepositories(repositories);
        IProvisioningPlan plan = agent.getService(IPlanner.class).getProvisioningPlan(request, context, monitor);
        if (!plan.getStatus().isOK()) {
            return plan.getStatus();
        }
        UIServices prompt = new TrustPromptServices(trust);
        agent.registerService(UIServices.SERVICE_NAME, prompt);
        try {
            return agent.getService(IEngine.class).perform(plan, monitor);
        } finally {
            agent.unregisterService(UIServices.SERVICE_NAME, prompt);
        }
    }

    private IProfile profile() throws CoreException {
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(profileId);
        if (profile == null) {
            throw failure(NLS.bind(Messages.NO_PROFILE, profileId), null);
        }
        return profile;
    }

    private static CoreException failure(String message, Throwable cause) {
        return new CoreException(Status.error(message, cause));
    }

    /** Every message in a status and its children, one a line, without repeats: what p2 said went wrong. */
    public static String explain(IStatus status) {
        List<String> lines = new ArrayList<>();
        collect(status, lines);
        return String.join("\n", lines);
    }

    private static void collect(IStatus status, List<String> lines) {
        if (status.getMessage() != null && !status.getMessage().isBlank() && !lines.contains(status.getMessage())) {
            lines.add(status.getMessage());
        }
        for (IStatus child : status.getChildren()) {
            collect(child, lines);
        }
    }
}
