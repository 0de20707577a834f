import { mainSide } from './harness.js'
import { floorSide } from './sides.js'

await mainSide(floorSide)
