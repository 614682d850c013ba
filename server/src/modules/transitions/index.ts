/** The transitions module's public door: exactly-once exits from a state, and their repair after a crash. */
export { claimExit, exitOf, exitsOf, markApplied, repair, setTransitionGuardForTests, type Applier, type Exit } from './exits';
