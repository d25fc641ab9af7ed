// Package langflow holds the facts about Langflow as a workload that more
// than one layer depends on. Source: ../shared/reference/langflow-runtime.md
// (Langflow's source, docs and issue tracker; #N are its issues).
package langflow

const (
	// Port is where Langflow listens (LANGFLOW_PORT in the image).
	Port = 7860
	// HealthPath answers once uvicorn is up without touching the database,
	// so an Aurora failover or resume does not mark every task unhealthy at
	// once (/health_check would). The guide uses it too.
	HealthPath = "/health"
	// WorkerTimeoutSeconds is LANGFLOW_WORKER_TIMEOUT's default: how long a
	// build may stay silent before Langflow ends it.
	WorkerTimeoutSeconds = 300
	// StartupSeconds is the start-up time to allow with internet egress
	// (20 s to 2 min; far longer without egress, #8552).
	StartupSeconds = 120
)
