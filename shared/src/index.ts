/** The product's pure domain: framework, document schema and commands, projection, wire constants. */
export * from './framework';
export * from './layout';
export * from './schema';
export * from './commands';
export * from './projection';
export * from './fractionalIndex';
export * from './ids';
export * from './workshop';
export * from './wire';
export * from './stacking';
export * from './clipboard';
export * from './coverage';
export * from './dependencies';
export * from './roadmap';
export * from './exports';
export * from './placement';
