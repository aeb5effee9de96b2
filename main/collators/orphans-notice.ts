/** The notice about collators left running from an earlier session; it goes once the operator has dealt with all of them. */
export const ORPHANS_NOTICE_ID = 'collators-left-running';
