// VROOM-shaped input and output, plus our documented extensions (see README.md).

export type Coordinates = [number, number];

export interface VroomTimeWindowed {
  time_windows?: [number, number][];
}

export interface VroomJob extends VroomTimeWindowed {
  id: number;
  description?: string;
  location?: Coordinates;
  location_index?: number;
  setup?: number;
  service?: number;
  delivery?: number[];
  pickup?: number[];
  /** Legacy VROOM field: treated like delivery. */
  amount?: number[];
  skills?: number[];
  priority?: number;
  /** Extension: soft deadline (promise) on the start of service, same time unit as windows. */
  deadline?: number;
  /** Extension: cost added per minute (60 time units) the service starts after `deadline`. */
  late_cost_per_minute?: number;
}

export interface VroomBreak extends VroomTimeWindowed {
  id: number;
  service?: number;
  description?: string;
}

export interface VroomVehicleStep {
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'end';
  id?: number;
  service_at?: number;
  service_after?: number;
  service_before?: number;
}

export interface VroomVehicleCosts {
  fixed?: number;
}

export interface VroomVehicle {
  id: number;
  description?: string;
  start?: Coordinates;
  start_index?: number;
  end?: Coordinates;
  end_index?: number;
  capacity?: number[];
  skills?: number[];
  time_window?: [number, number];
  breaks?: VroomBreak[];
  max_tasks?: number;
  costs?: VroomVehicleCosts;
  steps?: VroomVehicleStep[];
  profile?: string;
}

export interface VroomMatrix {
  durations?: number[][];
  distances?: number[][];
  costs?: number[][];
}

export interface VroomProblem {
  jobs?: VroomJob[];
  vehicles: VroomVehicle[];
  shipments?: unknown[];
  matrices?: Record<string, VroomMatrix>;
  /** Older VROOM spelling of a single duration matrix. */
  matrix?: number[][];
  /**
   * Extension: how to derive travel from `location` coordinates when no matrix is given.
   * `euclidean`: time = distance = straight-line distance in double precision (benchmarks).
   * `haversine` (default): great-circle metres times `road_factor`, time at `speed_kmh`.
   */
  metric?: 'euclidean' | 'haversine';
  road_factor?: number;
  speed_kmh?: number;
}

export type Objective = 'hierarchical' | 'travel';

export interface SolveOptions {
  objective?: Objective;
  /** Wall-clock budget; the search stops at the first iteration boundary past it. */
  timeLimitMs?: number;
  /** Exact iteration budget: with a seed it makes the answer reproducible. */
  iterations?: number;
  seed?: number;
  /** Independent seeds run in worker threads; the best plan wins. */
  threads?: number;
  /** Called with the best plan so far while the search runs, at most every `progressEveryMs`. */
  onProgress?: (progress: SolveProgress) => void;
  /** Default 500. */
  progressEveryMs?: number;
  /** Once aborted, the search stops at the next iteration boundary and returns the best plan so far. */
  signal?: { readonly aborted: boolean };
}

/** The best plan so far, as `onProgress` reports it. */
export interface SolveProgress {
  elapsedMs: number;
  /** Priority of the jobs planned, and how many. */
  priority: number;
  jobs: number;
  unassigned: number;
  routes: number;
  /** Travel cost (the `costs` matrix, else durations), and lateness cost, of the plan. */
  travel: number;
  lateness: number;
}

export interface SolutionStep {
  type: 'start' | 'job' | 'break' | 'end';
  id?: number;
  location?: Coordinates;
  location_index?: number;
  arrival: number;
  duration: number;
  setup: number;
  service: number;
  waiting_time: number;
  distance: number;
  load?: number[];
  /** Extension: minutes late against the job's soft deadline. */
  late_minutes?: number;
}

export interface SolutionRoute {
  vehicle: number;
  cost: number;
  setup: number;
  service: number;
  duration: number;
  waiting_time: number;
  distance: number;
  priority: number;
  delivery?: number[];
  pickup?: number[];
  steps: SolutionStep[];
  /** Extension: lateness cost of this route's soft deadlines. */
  lateness_cost?: number;
}

export type UnassignedReasonCode =
  | 'skills'
  | 'capacity'
  | 'time_window'
  | 'shift'
  | 'max_tasks'
  | 'fixed_step'
  | 'no_vehicle'
  | 'no_room';

export interface UnassignedJob {
  id: number;
  location?: Coordinates;
  location_index?: number;
  type: 'job';
  /** Extension: why the job could not be planned, in words and as a code. */
  reason: string;
  reason_code: UnassignedReasonCode;
}

export interface Solution {
  code: number;
  error?: string;
  summary: {
    cost: number;
    routes: number;
    unassigned: number;
    setup: number;
    service: number;
    duration: number;
    waiting_time: number;
    priority: number;
    distance: number;
    /** Extension: total lateness cost. */
    lateness_cost: number;
    computing_times: { loading: number; solving: number; routing: number };
    /** Extension: how many search iterations ran. */
    iterations?: number;
  };
  unassigned: UnassignedJob[];
  routes: SolutionRoute[];
}
