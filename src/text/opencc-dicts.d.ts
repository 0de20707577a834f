// opencc-js ships its dictionaries as modules exporting one "key value|key value" string, without types.
declare module 'opencc-js/dict/*' {
  const dictionary: string
  export default dictionary
}
