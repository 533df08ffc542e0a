package dev.sluice.incident;

import java.util.List;

/**
 * One kind of trouble to look for. A detector reports every condition of its kind that holds now;
 * the {@link IncidentMonitor} opens incidents for new ones and resolves open ones that are no longer
 * reported. A detector that cannot judge (too little data) reports nothing, which resolves what it
 * opened before; one that fails (throws) resolves nothing.
 */
public interface Detector {
    Incident.Kind kind();

    List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long nowMillis);
}
