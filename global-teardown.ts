// Prints the run's Okta summary and scrubs bearer tokens out of traces.
export { default } from 'playwright-okta/global-teardown';
