#pragma once

namespace plansim::engine {

/// Makes SIGINT and SIGTERM request a clean stop instead of killing the process: the run
/// loop checks stop_requested() between ticks, finishes the current tick and returns, so
/// output can be cleaned up. A second signal of the same kind kills as usual.
void install_stop_handlers();

/// True once SIGINT or SIGTERM arrived (or request_stop() was called).
bool stop_requested();

/// The signal that asked to stop (0 when none, or when request_stop() was called).
int stop_signal();

/// Asks the run to stop, as a signal would; for tests and embedding code.
void request_stop();

/// Forgets a stop request; for tests and for running several simulations in one process.
void clear_stop_request();

} // namespace plansim::engine
