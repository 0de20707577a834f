import { mainSide } from './harness.js'
import { botSide } from './sides.js'

await mainSide(botSide)
