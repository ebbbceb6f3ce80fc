Console.WriteLine("detsim 0.1.0");
return 0;
