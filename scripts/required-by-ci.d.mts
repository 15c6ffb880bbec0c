export declare const requiredByCi: boolean;
