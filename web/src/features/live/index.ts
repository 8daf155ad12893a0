// The live area's face: the notification bell of the top bar.
export { Bell } from './Bell';
